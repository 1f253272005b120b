package io.tern.throttle;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The wire format of a {@link ShardMessage} between pods: a length-prefixed JSON object, with
 * dateCreated as epoch microseconds (the store's precision, so the queue order is the same on
 * every pod). Within one pod the record is passed by reference.
 */
public final class ShardMessageCodec implements MessageCodec<ShardMessage, ShardMessage> {

  /** Registers the codec as the default for {@link ShardMessage} on this Vert.x instance. */
  public static void register(Vertx vertx) {
    try {
      vertx.eventBus().registerDefaultCodec(ShardMessage.class, new ShardMessageCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // A second gateway on the same Vert.x instance (tests) reuses the first one's codec.
    }
  }

  @Override
  public void encodeToWire(Buffer buffer, ShardMessage message) {
    Buffer json = toJson(message).toBuffer();
    buffer.appendInt(json.length()).appendBuffer(json);
  }

  @Override
  public ShardMessage decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return fromJson(new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length)));
  }

  static JsonObject toJson(ShardMessage message) {
    return new JsonObject()
        .put("sid", message.sid())
        .put("accountSid", message.accountSid())
        .put("from", message.from())
        .put("numSegments", message.numSegments())
        .put("dateCreatedMicros", ThrottleVerticle.micros(message.dateCreated()))
        .put("validityPeriod", message.validityPeriod());
  }

  static ShardMessage fromJson(JsonObject json) {
    Instant created = ThrottleVerticle.instant(json.getLong("dateCreatedMicros"));
    return new ShardMessage(json.getString("sid"), json.getString("accountSid"),
        json.getString("from"), json.getInteger("numSegments"), created,
        json.getInteger("validityPeriod"));
  }

  @Override
  public ShardMessage transform(ShardMessage message) {
    return message;
  }

  @Override
  public String name() {
    return "tern.shard-message";
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
