package io.tern.throttle;

import io.tern.bus.Addresses;
import io.tern.bus.LocalCodec;
import io.tern.store.Message;
import io.vertx.core.Vertx;

/**
 * Where a committed message goes next, by its status: scheduled ones wait for their SendAt,
 * accepted ones get a sender from their service's pool, queued ones join their sender's queue
 * on the shard that owns the sender.
 */
public final class MessageRouting {
  private final Vertx vertx;
  private final int shards;

  public MessageRouting(Vertx vertx, int shards) {
    this.vertx = vertx;
    this.shards = shards;
  }

  public void route(Message message) {
    switch (message.status()) {
      case SCHEDULED -> send(Addresses.SCHEDULE, message);
      case ACCEPTED -> send(Addresses.ASSIGN_SENDER, message);
      case QUEUED, SENDING -> send(Addresses.throttle(shardOf(message)), message);
      default -> {
        // Final or already sent: nothing left to do for it.
      }
    }
  }

  public int shardOf(Message message) {
    return Addresses.shardOf(message.senderKey(), shards);
  }

  private void send(String address, Message message) {
    vertx.eventBus().send(address, message, LocalCodec.localOnly());
  }
}
