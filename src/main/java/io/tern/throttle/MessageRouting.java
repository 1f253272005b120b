package io.tern.throttle;

import io.tern.bus.Addresses;
import io.tern.bus.LocalCodec;
import io.tern.config.TernConfig;
import io.tern.message.Message;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a committed message goes next, by its status: scheduled ones wait for their SendAt,
 * accepted ones get a sender from their service's pool, queued ones join their sender's queue
 * on the shard that owns the sender.
 *
 * <p>In a cluster the shard's owner and the scheduled release may be on another pod: those two
 * hops cross the cluster (a {@link ShardMessage}, and a scheduled message's sid, which the
 * release reads back from the store). When nobody owns the shard or the release at that moment
 * the message is not lost: it is committed, and the next owner rebuilds from the store.
 *
 * <p>Within one pod, the queued messages routed on the event loop that made this routing are
 * gathered per shard and handed over together when the loop's current turn of work ends: a
 * loop that commits a batch of inserts at once (or reads many requests in one wake-up) makes
 * one hop per shard instead of one per message. Each hop to a sleeping loop wakes it: a hop
 * per message cost 17% of the gateway's CPU per accept (measured side by side, in
 * benchmarks/RESULTS.md). The wait is the rest of the turn, with no timer. Calls from any other
 * thread, and every call in a cluster, send at once.
 */
public final class MessageRouting {
  private final Vertx vertx;
  private final int shards;
  private final boolean clustered;
  /** The event loop this routing gathers on, and its thread; null when made off any event loop. */
  private final Context gatheringOn;
  private final Thread gatheringThread;
  // Touched only on gatheringThread: per shard, what waits for the end of the turn.
  private final List<List<ShardMessage>> gathered;
  private boolean handOverPlanned;

  public MessageRouting(Vertx vertx, TernConfig config) {
    this.vertx = vertx;
    this.shards = config.throttle().shards();
    this.clustered = config.cluster().enabled();
    Context current = Vertx.currentContext();
    this.gatheringOn = clustered || current == null || !current.isEventLoopContext() ? null : current;
    this.gatheringThread = gatheringOn == null ? null : Thread.currentThread();
    if (gatheringOn != null) {
      LocalCodec.register(vertx, ShardBatch.class);
    }
    this.gathered = new ArrayList<>(shards);
    for (int shard = 0; shard < shards; shard++) {
      gathered.add(new ArrayList<>());
    }
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
      case QUEUED, SENDING -> toShard(shardOf(message), ShardMessage.of(message));
      default -> {
        // Final or already sent: nothing left to do for it.
      }
    }
  }

  private void toShard(int shard, ShardMessage message) {
    // By thread, not context: a request's handlers run on a context of its own, on the same loop.
    if (gatheringThread != Thread.currentThread()) {
      vertx.eventBus().send(Addresses.throttle(shard), message,
          clustered ? new DeliveryOptions() : LocalCodec.localOnly());
      return;
    }
    gathered.get(shard).add(message);
    if (!handOverPlanned) {
      handOverPlanned = true;
      // Runs after what the loop has already been given to do: the rest of this turn's work.
      gatheringOn.runOnContext(ignored -> handOver());
    }
  }

  private void handOver() {
    handOverPlanned = false;
    for (int shard = 0; shard < shards; shard++) {
      List<ShardMessage> messages = gathered.get(shard);
      if (!messages.isEmpty()) {
        gathered.set(shard, new ArrayList<>());
        vertx.eventBus().send(Addresses.throttle(shard), new ShardBatch(messages),
            LocalCodec.localOnly());
      }
    }
  }

  public int shardOf(Message message) {
    return Addresses.shardOf(message.senderKey(), shards);
  }
}
