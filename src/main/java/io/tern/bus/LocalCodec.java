package io.tern.bus;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Passes a record between verticles of one node by reference: records are immutable, so no
 * copy is needed. It refuses to encode, so a message that would leave the node fails loudly
 * instead of silently losing data.
 */
public final class LocalCodec<T> implements MessageCodec<T, T> {
  private final Class<T> type;

  private LocalCodec(Class<T> type) {
    this.type = type;
  }

  /** Registers a local codec for each type as that type's default codec. */
  public static void register(Vertx vertx, Class<?>... types) {
    for (Class<?> type : types) {
      registerOne(vertx, type);
    }
  }

  private static <T> void registerOne(Vertx vertx, Class<T> type) {
    try {
      vertx.eventBus().registerDefaultCodec(type, new LocalCodec<>(type));
    } catch (IllegalStateException alreadyRegistered) {
      // A second gateway on the same Vert.x instance (tests) reuses the first one's codec.
    }
  }

  /** Delivery options for a hop that must stay on this node. */
  public static DeliveryOptions localOnly() {
    return new DeliveryOptions().setLocalOnly(true);
  }

  @Override
  public void encodeToWire(Buffer buffer, T value) {
    throw new UnsupportedOperationException(type.getName() + " travels only within one node");
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    throw new UnsupportedOperationException(type.getName() + " travels only within one node");
  }

  @Override
  public T transform(T value) {
    return value;
  }

  @Override
  public String name() {
    return "local:" + type.getName();
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
