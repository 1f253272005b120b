package io.tern.cluster;

import io.tern.store.DatabaseOptions;
import io.tern.config.TernConfig;
import io.tern.metrics.TernMetrics;
import io.tern.status.StatusWrites;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * A clustered pod's share of the work. Every {@code cluster.checkMillis} (and once at start) it
 * reads the store's advisory locks and the member count, then hands back the shards over its
 * fair share, takes free ones up to it (see {@link OwnershipPlan}), and takes the singletons
 * (scheduled release, callback sender) when nobody holds them. A shard is deployed only after
 * its lock is taken, and unlocked only after its throttle has stopped and what it sent is
 * written, so no shard ever runs on two pods.
 *
 * <p>What it deploys are its child deployments: undeploying this verticle (the graceful stop)
 * stops them first, then {@link #stop} ends the lock session, so other pods take everything
 * over at their next check. When the lock session is lost (database restart, network), every
 * shard and singleton is stopped at once: their locks are free for others already.
 */
public final class ShardOwnershipVerticle extends VerticleBase {
  private static final System.Logger LOG = System.getLogger(ShardOwnershipVerticle.class.getName());
  /** The lock key of the singletons; shards use their number. */
  static final int SINGLETONS = -1;
  /** Not a sid: the status writer finds no message and answers once all before it is written. */

  /**
   * What the pod runs for what it owns.
   *
   * @param shard a new throttle verticle for a shard
   * @param singletons new verticles that must run on one pod at a time
   * @param afterSingletons run (not awaited) once the singletons are deployed: store-wide
   *     recovery that a dead pod may have left undone
   */
  public record Workloads(IntFunction<Deployable> shard, Supplier<List<Deployable>> singletons,
      Supplier<Future<?>> afterSingletons) {}

  private final TernConfig config;
  private final TernMetrics metrics;
  private final Workloads workloads;
  private final IntSupplier members;
  private final Map<Integer, String> shards = new TreeMap<>();
  private final List<String> singletons = new ArrayList<>();
  /** Shards whose throttle is still stopping here: not taken again until it has stopped. */
  private final Set<Integer> stoppingShards = new HashSet<>();
  /** Stops under way after a lost session: nothing is taken until they finish. */
  private final List<Future<?>> draining = new ArrayList<>();
  private AdvisoryLocks locks;
  private Future<Void> checking = Future.succeededFuture();
  private long timerId = -1;
  private boolean stopped;
  private volatile Set<Integer> ownedNow = Set.of();
  private volatile boolean singletonsNow;

  /** @param members the pods in the cluster now, this one included */
  public ShardOwnershipVerticle(TernConfig config, TernMetrics metrics, Workloads workloads,
      IntSupplier members) {
    this.config = config;
    this.metrics = metrics;
    this.workloads = workloads;
    this.members = members;
  }

  /** Shards owned now, as last recorded on the verticle's loop; readable from any thread. */
  public Set<Integer> ownedShards() {
    return ownedNow;
  }

  public boolean holdsSingletons() {
    return singletonsNow;
  }

  @Override
  public Future<?> start() {
    metrics.clustered();
    return check().onComplete(first ->
        timerId = vertx.setPeriodic(config.cluster().checkMillis(), id -> check()));
  }

  /** Children are stopped already (Vert.x undeploys them first); the session goes last. */
  @Override
  public Future<?> stop() {
    stopped = true;
    vertx.cancelTimer(timerId);
    return checking
        .transform(done -> Future.join(undeployLeft()))
        .transform(done -> flushStatusWrites())
        .transform(done -> {
          AdvisoryLocks held = locks;
          locks = null;
          record(Set.of(), false);
          return held == null ? Future.succeededFuture() : held.close();
        });
  }

  /** Whatever a check deployed while Vert.x was already stopping the children. */
  private List<Future<Void>> undeployLeft() {
    List<Future<Void>> left = new ArrayList<>();
    List<String> ids = new ArrayList<>(shards.values());
    ids.addAll(singletons);
    shards.clear();
    singletons.clear();
    for (String id : ids) {
      if (vertx.deploymentIDs().contains(id)) {
        left.add(vertx.undeploy(id));
      }
    }
    return left;
  }

  private Future<Void> check() {
    if (stopped || !checking.isComplete()) {
      return checking;
    }
    List<Future<?>> before = List.copyOf(draining);
    draining.clear();
    long timeout = Math.max(5_000, config.cluster().checkMillis());
    checking = Future.join(new ArrayList<>(before))
        .transform(drained -> session())
        .compose(session -> session.held()
            .timeout(timeout, TimeUnit.MILLISECONDS)
            .onFailure(unknown -> {
              // Locks that cannot be read may be lost: end the session, which stops everything.
              LOG.log(System.Logger.Level.WARNING, "Reading the shard locks failed", unknown);
              session.close();
            })
            .compose(held -> act(session, held)))
        .onFailure(failure -> LOG.log(System.Logger.Level.WARNING,
            "Shard ownership check failed; retrying in " + config.cluster().checkMillis() + " ms", failure))
        .transform(done -> Future.succeededFuture());
    return checking;
  }

  private Future<AdvisoryLocks> session() {
    if (locks != null) {
      return Future.succeededFuture(locks);
    }
    DatabaseOptions database = config.database();
    return AdvisoryLocks.connect(vertx, database.url(), database.schema()).onSuccess(opened -> {
      locks = opened;
      opened.onClose(() -> lost(opened));
    });
  }

  /** The session ended: its locks are free for other pods, so nothing may run here any more. */
  private void lost(AdvisoryLocks session) {
    if (locks != session) {
      return;
    }
    locks = null;
    if (shards.isEmpty() && singletons.isEmpty()) {
      return;
    }
    LOG.log(System.Logger.Level.WARNING, "The shard lock session to the store was lost; stopping shards "
        + shards.keySet() + (singletons.isEmpty() ? "" : " and the singletons"));
    shards.keySet().stream().toList().forEach(shard -> draining.add(stopShard(shard)));
    if (!singletons.isEmpty()) {
      draining.add(stopSingletons());
    }
  }

  private Future<Void> act(AdvisoryLocks session, AdvisoryLocks.Held held) {
    // Running here without the lock (it cannot normally happen): stop at once.
    for (Integer shard : List.copyOf(shards.keySet())) {
      if (!held.mine().contains(shard)) {
        LOG.log(System.Logger.Level.WARNING, "Shard " + shard + " runs here without its lock; stopping it");
        draining.add(stopShard(shard));
      }
    }
    if (!singletons.isEmpty() && !held.mine().contains(SINGLETONS)) {
      draining.add(stopSingletons());
    }
    // Locked but not running here (a hand-back or a start that failed half-way): free it, or it
    // would stay without an owner for as long as this session lives.
    Future<Void> freed = Future.succeededFuture();
    for (int key : held.mine()) {
      boolean idle = key == SINGLETONS
          ? singletons.isEmpty()
          : !shards.containsKey(key) && !stoppingShards.contains(key);
      if (idle) {
        freed = freed.compose(previous -> session.unlock(key));
      }
    }
    Set<Integer> elsewhere = new HashSet<>(held.others());
    elsewhere.remove(SINGLETONS);
    elsewhere.addAll(stoppingShards);
    OwnershipPlan plan = OwnershipPlan.of(config.throttle().shards(), members.getAsInt(),
        Set.copyOf(shards.keySet()), elsewhere);
    Future<Void> released = freed;
    for (int shard : plan.release()) {
      released = released.compose(previous -> handBack(session, shard));
    }
    return released
        .compose(ok -> lockUpTo(session, plan.candidates(), plan.wanted(), new ArrayList<>()))
        .compose(locked -> Future.join(locked.stream().map(shard -> startShard(session, shard)).toList()))
        .compose(ok -> held.others().contains(SINGLETONS) || !singletons.isEmpty()
            ? Future.succeededFuture()
            : takeSingletons(session));
  }

  /** Graceful: the throttle stops and its sends are written before another pod may take it. */
  private Future<Void> handBack(AdvisoryLocks session, int shard) {
    LOG.log(System.Logger.Level.INFO, "Handing back shard " + shard + " (members joined)");
    return stopShard(shard).transform(stoppedShard -> flushStatusWrites()).compose(ok -> session.unlock(shard));
  }

  private Future<List<Integer>> lockUpTo(AdvisoryLocks session, List<Integer> candidates, int wanted,
      List<Integer> locked) {
    if (locked.size() >= wanted || candidates.isEmpty()) {
      return Future.succeededFuture(locked);
    }
    int shard = candidates.get(0);
    List<Integer> rest = candidates.subList(1, candidates.size());
    return session.tryLock(shard).compose(won -> {
      if (won) {
        locked.add(shard);
      }
      return lockUpTo(session, rest, wanted, locked);
    });
  }

  private Future<Void> startShard(AdvisoryLocks session, int shard) {
    return vertx.deployVerticle(workloads.shard().apply(shard))
        .compose(id -> {
          if (locks != session || stopped) {
            // Lost or stopping meanwhile: it must not run.
            return vertx.undeploy(id);
          }
          shards.put(shard, id);
          record(shards.keySet(), !singletons.isEmpty());
          LOG.log(System.Logger.Level.INFO, "Took shard " + shard);
          return Future.<Void>succeededFuture();
        })
        .recover(failure -> {
          LOG.log(System.Logger.Level.WARNING, "Starting shard " + shard + " failed; releasing it", failure);
          return session.unlock(shard);
        });
  }

  private Future<Void> stopShard(int shard) {
    String id = shards.remove(shard);
    record(shards.keySet(), !singletons.isEmpty());
    if (id == null) {
      return Future.succeededFuture();
    }
    stoppingShards.add(shard);
    return vertx.undeploy(id).onComplete(stopped -> stoppingShards.remove(shard));
  }

  private Future<Void> takeSingletons(AdvisoryLocks session) {
    return session.tryLock(SINGLETONS).compose(won -> {
      if (!won) {
        return Future.succeededFuture();
      }
      LOG.log(System.Logger.Level.INFO, "Took the scheduled release and the callback sender");
      Future<Void> chain = Future.succeededFuture();
      for (Deployable singleton : workloads.singletons().get()) {
        chain = chain.compose(ok -> vertx.deployVerticle(singleton).map(id -> {
          singletons.add(id);
          return null;
        }));
      }
      return chain
          .onSuccess(ok -> {
            record(shards.keySet(), true);
            // Not awaited: a long recovery must not hold up the shards' next check.
            workloads.afterSingletons().get().onFailure(failure -> LOG.log(System.Logger.Level.WARNING,
                "Recovery after taking the singletons failed; the next holder runs it again", failure));
          })
          .recover(failure -> {
            LOG.log(System.Logger.Level.WARNING, "Starting the singletons failed; releasing them", failure);
            return stopSingletons().transform(done -> session.unlock(SINGLETONS));
          });
    });
  }

  private Future<Void> stopSingletons() {
    List<String> ids = List.copyOf(singletons);
    singletons.clear();
    record(shards.keySet(), false);
    return Future.join(ids.stream().map(vertx::undeploy).toList()).mapEmpty();
  }

  /**
   * Completes once every status change handed to the status writer before it is written: the
   * carrier's answers to the sends of a stopped shard, so its next owner does not find them
   * {@code sending} and send them again. A writer already gone wrote everything as it stopped.
   */
  private Future<Void> flushStatusWrites() {
    return new StatusWrites(vertx).flush().recover(failure -> Future.succeededFuture());
  }

  private void record(Set<Integer> owned, boolean holdsSingletons) {
    ownedNow = Set.copyOf(owned);
    singletonsNow = holdsSingletons;
    metrics.ownedShards(owned.size());
    metrics.singletons(holdsSingletons);
  }
}
