package io.tern.throttle;

import io.tern.bus.Addresses;
import io.tern.bus.LocalCodec;
import io.tern.config.TernConfig;
import io.tern.message.Message;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;

/**
 * Where a committed message goes next, by its status: scheduled ones wait for their SendAt,
 * accepted ones get a sender from their service's pool, queued ones join their sender's queue
 * on the shard that owns the sender.
 *
 * <p>In a cluster the shard's owner and the scheduled release may be on another pod: those two
 * hops cross the cluster (a {@link ShardMessage}, and a scheduled message's sid, which the
 * release reads back from the store). When nobody owns the shard or the release at that moment
 * the message is not lost: it is committed, and the next owner rebuilds from the store.
 */
public final class MessageRouting {
  private final Vertx vertx;
  private final int shards;
  private final boolean clustered;

  public MessageRouting(Vertx vertx, TernConfig config) {
    this.vertx = vertx;
    this.shards = config.throttle().shards();
    this.clustered = config.cluster().enabled();
  }

  public void route(Message message) {
    switch (message.status()) {
      case SCHEDULED -> {
        if (clustered) {
          vertx.eventBus().send(Addresses.SCHEDULE, message.sid());
        } else {
          vertx.eventBus().send(Addresses.SCHEDULE, message, LocalCodec.localOnly());
        }
      }
      case ACCEPTED -> vertx.eventBus().send(Addresses.ASSIGN_SENDER, message, LocalCodec.localOnly());
      case QUEUED, SENDING -> vertx.eventBus().send(Addresses.throttle(shardOf(message)),
          ShardMessage.of(message), clustered ? new DeliveryOptions() : LocalCodec.localOnly());
      default -> {
        // Final or already sent: nothing left to do for it.
      }
    }
  }

  public int shardOf(Message message) {
    return Addresses.shardOf(message.senderKey(), shards);
  }
}
