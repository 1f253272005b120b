package io.tern.throttle;

import io.tern.bus.Addresses;
import io.tern.store.Message;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * One throttle shard: it will own the sender queues of every sender whose key hashes to it. For
 * now it only takes the committed messages handed to it; they stay {@code queued} in the store,
 * where the full throttle will find them again.
 */
public final class ThrottleVerticle extends VerticleBase {
  private static final System.Logger LOG = System.getLogger(ThrottleVerticle.class.getName());
  private final int shard;

  public ThrottleVerticle(int shard) {
    this.shard = shard;
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<Message>localConsumer(Addresses.throttle(shard), delivery ->
        LOG.log(System.Logger.Level.DEBUG, () -> "shard " + shard + " received " + delivery.body().sid()))
        .completion();
  }
}
