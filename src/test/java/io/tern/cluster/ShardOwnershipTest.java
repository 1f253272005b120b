package io.tern.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.config.TernConfig;
import io.tern.metrics.TernMetrics;
import io.tern.store.pg.PgStores;
import io.tern.testing.Eventually;
import io.tern.testing.TestGateway;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Tuple;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two ownership verticles on real PostgreSQL locks, without Hazelcast (the member count is the
 * test's): what each runs is a stand-in verticle that counts how many copies of its shard run
 * at once, stopping included; a hand-over must never let it exceed one.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class ShardOwnershipTest {
  private static final int SHARDS = 8;

  private final String schema = TestGateway.uniqueSchema("ownership");
  private final TernConfig config = TestGateway.config(Map.of(
      "TERN_DATABASE_URL", TestGateway.DATABASE_URL,
      "TERN_DATABASE_SCHEMA", schema,
      "TERN_CLUSTER_ENABLED", "true",
      "TERN_CLUSTER_CHECK_MILLIS", "100",
      "TERN_THROTTLE_SHARDS", Integer.toString(SHARDS)));
  /** Copies of each shard running now, over both pods; -1 stands for the singletons. */
  private final Map<Integer, AtomicInteger> running = new ConcurrentHashMap<>();
  private final Set<Integer> ranTwice = ConcurrentHashMap.newKeySet();
  /** Starts of each shard's stand-in, over both pods. */
  private final Map<Integer, AtomicInteger> starts = new ConcurrentHashMap<>();
  /** Finished stops of each shard's stand-in, over both pods. */
  private final Map<Integer, AtomicInteger> stops = new ConcurrentHashMap<>();
  private final Set<Integer> lostByA = ConcurrentHashMap.newKeySet();
  private final AtomicInteger recoveries = new AtomicInteger();
  private final AtomicInteger members = new AtomicInteger(2);

  @Test
  void aJoiningPodGetsHalfTheShardsHandedBackAndALostSessionsShardsStartAgain(Vertx vertx,
      VertxTestContext testContext) {
    ShardOwnershipVerticle a = pod();
    ShardOwnershipVerticle b = pod();
    members.set(1);
    vertx.deployVerticle(a)
        .compose(x -> owned(vertx, a, SHARDS))
        .compose(x -> {
          // A second member: pod A hands back its surplus, each shard stopped before it is
          // unlocked, and pod B takes it.
          members.set(2);
          return vertx.deployVerticle(b);
        })
        .compose(x -> owned(vertx, b, SHARDS / 2))
        .compose(x -> owned(vertx, a, SHARDS / 2))
        .compose(split -> {
          testContext.verify(() -> {
            Set<Integer> all = new HashSet<>(a.ownedShards());
            all.addAll(b.ownedShards());
            assertThat(all).hasSize(SHARDS);
            assertThat(ranTwice).as("shards that ran on two pods at once").isEmpty();
            assertThat(a.holdsSingletons()).isTrue();
            assertThat(b.holdsSingletons()).isFalse();
            assertThat(recoveries).hasValue(1);
          });
          // Pod A's lock session ends (its connection dropped): it stops everything at once.
          // Its shards and the singletons are free, and each is started again once, by pod B or
          // by pod A on a new session, whichever locks it first. (Pod A's stand-ins may still be
          // stopping when the next ones start: a lost session frees the locks at once, as a
          // crash does, so this phase does not check ranTwice.)
          lostByA.addAll(a.ownedShards());
          members.set(1);
          return terminateSessionHolding(vertx, lostByA.iterator().next());
        })
        .compose(x -> Eventually.poll(vertx, () -> Future.succeededFuture(recoveries.get()), count -> count == 2, 20_000))
        // Pod A's stand-ins (its shards and the singletons) have finished stopping too: the
        // copies counted below are the ones left running, not ones caught halfway through a
        // stop, which took a timer that raced the takeover.
        .compose(x -> Eventually.poll(vertx,
            () -> Future.succeededFuture(Stream.concat(lostByA.stream(),
                        Stream.of(ShardOwnershipVerticle.SINGLETONS))
                    .allMatch(shard -> starts.get(shard).get() == 2
                        && stops.getOrDefault(shard, new AtomicInteger()).get() == 1)
                && a.ownedShards().size() + b.ownedShards().size() == SHARDS),
            done -> done, 20_000))
        .onComplete(testContext.succeeding(owned -> testContext.verify(() -> {
          Set<Integer> all = new HashSet<>(a.ownedShards());
          all.addAll(b.ownedShards());
          assertThat(all).hasSize(SHARDS);
          assertThat(a.holdsSingletons()).isNotEqualTo(b.holdsSingletons());
          assertThat(lostByA).hasSize(SHARDS / 2);
          assertThat(running.values()).allSatisfy(copies -> assertThat(copies.get()).isLessThanOrEqualTo(1));
          testContext.completeNow();
        })));
  }

  private static Future<Set<Integer>> owned(Vertx vertx, ShardOwnershipVerticle pod, int shards) {
    return Eventually.poll(vertx, () -> Future.succeededFuture(pod.ownedShards()),
        owned -> owned.size() == shards, 20_000);
  }

  private ShardOwnershipVerticle pod() {
    return new ShardOwnershipVerticle(config, TernMetrics.disabled(),
        new ShardOwnershipVerticle.Workloads(
            shard -> new StandIn(shard),
            () -> List.of(new StandIn(ShardOwnershipVerticle.SINGLETONS)),
            () -> {
              recoveries.incrementAndGet();
              return Future.succeededFuture();
            }),
        members::get);
  }

  /** Counts itself running while deployed; stopping takes a moment, as a draining shard does. */
  private final class StandIn extends VerticleBase {
    private final int shard;

    StandIn(int shard) {
      this.shard = shard;
    }

    @Override
    public Future<?> start() {
      starts.computeIfAbsent(shard, s -> new AtomicInteger()).incrementAndGet();
      if (running.computeIfAbsent(shard, s -> new AtomicInteger()).incrementAndGet() > 1) {
        ranTwice.add(shard);
      }
      return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
      return vertx.timer(50).onComplete(stopped -> {
        running.get(shard).decrementAndGet();
        stops.computeIfAbsent(shard, s -> new AtomicInteger()).incrementAndGet();
      });
    }
  }

  private Future<Void> terminateSessionHolding(Vertx vertx, int shard) {
    return PgConnection.connect(vertx, PgStores.connectOptions(TestGateway.DATABASE_URL, schema))
        .compose(connection -> connection.preparedQuery("""
                SELECT pg_terminate_backend(pid) FROM pg_locks
                WHERE locktype = 'advisory' AND classid::int = $1 AND objsubid = 2 AND objid::int = $2
                """)
            .execute(Tuple.of(AdvisoryLocks.namespaceOf(schema), shard))
            .eventually(connection::close)
            .mapEmpty());
  }
}
