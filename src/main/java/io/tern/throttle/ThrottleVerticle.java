package io.tern.throttle;

import io.tern.Components;
import io.tern.message.DeliveryError;
import io.tern.bus.Addresses;
import io.tern.bus.LocalCodec;
import io.tern.carrier.CarrierRequest;
import io.tern.carrier.OutboundSms;
import io.tern.message.Message;
import io.tern.message.MessageStatus;
import io.tern.status.StatusWriteRefusedException;
import io.tern.status.StatusWrites;
import io.tern.store.LastSend;
import io.tern.store.MessageLifecycle;
import io.tern.store.QueuedMessage;
import io.tern.store.SenderBacklog;
import io.tern.message.StatusChange;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One throttle shard: the sender queues of every sender whose key hashes to it, on one event
 * loop, so no locks. The {@link ShardScheduler} decides when each sender may send; this verticle
 * keeps one timer for the earliest such moment, moves each message then due to {@code sending}
 * (a conditional step, which also reads the message: one already moved is not sent again) and
 * submits it to the carrier.
 *
 * <p>The store is the truth. The scheduler holds compact entries for a window of each sender's
 * queue and asks for more from the store as it drains; at start the shard rebuilds every queue
 * from the store's backlog, and holds each sender, queued or not, from its latest send in the
 * store, so a send made just before the start (by another pod, or before a restart) still spaces
 * the sender's next one.
 *
 * <p>In a cluster ({@code cluster.enabled}) the shard is deployed on the pod that holds its lock
 * (see {@code io.tern.cluster}) and takes messages from every pod. Its previous owner may have
 * died with messages {@code sending}: the shard puts its own senders' ones back to
 * {@code queued} before it rebuilds its queues (a single gateway does this for the whole store
 * once at start).
 */
public final class ThrottleVerticle extends VerticleBase {
  private static final System.Logger LOG = System.getLogger(ThrottleVerticle.class.getName());
  /** How often the queue gauges are refreshed (a pass over the shard's senders). */
  static final long QUEUE_SAMPLE_MILLIS = 1_000;
  /** When a new owner compares the store with its queues, in ownership checks after its start. */
  private static final int[] RECONCILE_AFTER_CHECKS = {2, 10};
  /** How long after a refused status write the shard compares its queues with the store. */
  static final long RECHECK_MILLIS = 1_000;

  /**
   * The most segments one message can have: Twilio's 1,600-character body as UCS-2 made of
   * characters outside the BMP (two code units each, 33 to a 67-unit part: 49 parts) behind the
   * trial prefix. It bounds the hold a previous owner's last send can still impose here (see
   * {@link #mayBeHeldByPreviousOwner}).
   */
  static final int MOST_SEGMENTS_PER_MESSAGE = 50;

  /** Local, and no timeout that could end the wait while the connector holds the message. */
  static final DeliveryOptions CARRIER_SUBMIT_OPTIONS = LocalCodec.localOnly()
      .setSendTimeout(Addresses.CARRIER_SUBMIT_TIMEOUT_MILLIS);

  private final int shard;
  private final Components components;
  private MessageLifecycle store;
  private StatusWrites statusWrites;
  private ShardScheduler scheduler;
  private SenderRates rates;
  private long timerId = -1;
  private long sampleTimerId = -1;
  private long reconcileTimerId = -1;
  private long recheckTimerId = -1;
  private long timerAtMicros = ShardScheduler.NO_WAKE;
  /**
   * Messages that came while the shard read its backlog from the store, or null once it has.
   * Enqueued before recovery, such a message would set its sender's read position to itself, and
   * the older backlog recovery finds would sit behind a position refills never go back before.
   */
  private List<ShardMessage> arrivedWhileRecovering = new ArrayList<>();
  /**
   * Senders whose latest send the shard is reading before their first message here, each with
   * the messages that came meanwhile, in arrival order; they are enqueued together once it is
   * known.
   */
  private final Map<String, List<QueuedAt>> awaitingLastSend = new HashMap<>();
  /**
   * Senders whose latest send was read here: a sender the scheduler drops once drained is not
   * read again when it comes back (its previous owner's hold was applied the first time).
   */
  private final Set<String> lastSendRead = new HashSet<>();
  /** When the shard started here: no send by a previous owner of its senders came after it. */
  private long startedMicros;
  private boolean stopping;
  private int inFlight;
  private Promise<Void> drained;

  public ThrottleVerticle(int shard, Components components) {
    this.shard = shard;
    this.components = components;
  }

  @Override
  public Future<?> start() {
    startedMicros = nowMicros();
    store = components.lifecycle();
    statusWrites = new StatusWrites(vertx);
    scheduler = new ShardScheduler(components.config().throttle().schedulerSettings());
    rates = new SenderRates(new RateRules(components.config().throttle().rates()), components.accounts());
    boolean clustered = components.config().cluster().enabled();
    String address = Addresses.throttle(shard);
    return (clustered
            ? vertx.eventBus().consumer(address, delivery -> arrived(delivery.body()))
            : vertx.eventBus().localConsumer(address, delivery -> arrived(delivery.body())))
        .completion()
        .compose(registered -> recover())
        .onSuccess(recovered -> {
          sampleQueue();
          if (clustered) {
            reconcileLater(0);
          }
        });
  }

  /** The gauges read from other threads; the scheduler is counted here, on its own loop. */
  private void sampleQueue() {
    if (!components.metrics().enabled()) {
      return;
    }
    reportQueue();
    sampleTimerId = vertx.setPeriodic(QUEUE_SAMPLE_MILLIS, id -> reportQueue());
  }

  private void reportQueue() {
    ShardQueueSample sample = scheduler.sample(components.config().metrics().topSenders());
    components.metrics().shardQueue(shard, sample.messages(), sample.segments(), sample.deepest());
  }

  /** Stops sending and waits for the messages already handed to the carrier to be answered. */
  @Override
  public Future<?> stop() {
    stopping = true;
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    if (reconcileTimerId >= 0) {
      vertx.cancelTimer(reconcileTimerId);
    }
    if (sampleTimerId >= 0) {
      vertx.cancelTimer(sampleTimerId);
      // Handed back: what is queued stays in the store for the next owner of the shard.
      components.metrics().shardQueue(shard, 0, 0, List.of());
    }
    drained = Promise.promise();
    if (inFlight == 0) {
      drained.tryComplete();
    }
    return drained.future();
  }

  // Recovery: every sender of this shard with queued messages in the store.

  private Future<Void> recover() {
    return shardBacklog().compose(mine -> {
      Future<Integer> requeued = components.config().cluster().enabled()
          ? store.requeueInterrupted(mine.stream().map(SenderBacklog::senderKey).toList())
          : Future.succeededFuture(0);
      return requeued.compose(moved -> Future.all(mine.stream().map(this::recoverSender).toList()))
          .<Void>mapEmpty();
    }).onSuccess(recovered -> {
      // Now behind the backlog: one that recovery counted as stored too is an overestimate,
      // which costs one refill that finds nothing new.
      List<ShardMessage> arrived = arrivedWhileRecovering;
      arrivedWhileRecovering = null;
      arrived.forEach(this::enqueue);
      pump();
    });
  }

  /**
   * In a cluster, twice after the shard started here (soon, and again later for a slow
   * cluster): a pod whose view of the cluster was a moment behind may have sent a message to the
   * shard's previous owner (or to nobody) after this owner read the store. The store's backlog
   * is compared with what the scheduler
   * knows of each sender, and what it misses is counted as stored, so refills load it. An
   * overestimate (messages {@code sending} just now) costs one refill that finds nothing new.
   */
  private void reconcileLater(int done) {
    if (done < RECONCILE_AFTER_CHECKS.length) {
      reconcileTimerId = vertx.setTimer(
          RECONCILE_AFTER_CHECKS[done] * components.config().cluster().checkMillis(), id -> {
            reconcileTimerId = -1;
            if (!stopping) {
              reconcile();
              reconcileLater(done + 1);
            }
          });
    }
  }

  /** One comparison with the store, a moment from now, however many sends asked for it. */
  private void recheckLater() {
    if (recheckTimerId >= 0 || stopping) {
      return;
    }
    recheckTimerId = vertx.setTimer(RECHECK_MILLIS, id -> {
      recheckTimerId = -1;
      if (!stopping) {
        reconcile();
      }
    });
  }

  private void reconcile() {
    shardBacklog()
        .compose(backlog -> Future.all(backlog.stream()
            .map(this::missingFrom)
            .filter(missing -> missing.messages() > 0)
            .map(this::recoverSender)
            .toList()))
        .onSuccess(recovered -> pump())
        .onFailure(failure -> LOG.log(System.Logger.Level.WARNING,
            "Comparing shard " + shard + " with the store failed; it is rebuilt at its next start", failure));
  }

  /** The store's backlog of this shard's senders. */
  private Future<List<SenderBacklog>> shardBacklog() {
    int shards = components.config().throttle().shards();
    return store.backlog().map(backlog -> backlog.stream()
        .filter(sender -> Addresses.shardOf(sender.senderKey(), shards) == shard)
        .toList());
  }

  /** What the store holds of the sender beyond what the scheduler knows of. */
  private SenderBacklog missingFrom(SenderBacklog stored) {
    String key = stored.senderKey();
    List<QueuedAt> waiting = awaitingLastSend.get(key);
    // Those waiting for the sender's latest send are enqueued once it is read: known, too.
    long known = scheduler.windowEntries(key) + scheduler.storedBeyondWindow(key)
        + (waiting == null ? 0 : waiting.size());
    long missing = stored.messages() - known;
    long segments = Math.max(missing, stored.segments() - scheduler.queuedSegments(key));
    return new SenderBacklog(key, Math.max(0, missing), segments);
  }

  /**
   * Counts the sender's stored backlog in, and holds the sender from its latest send in the
   * store (by this shard before a restart, or by the pod that owned the shard before): without
   * it the first send here could follow the previous owner's last one at once, whatever that
   * one's segments asked.
   */
  private Future<Void> recoverSender(SenderBacklog backlog) {
    String key = backlog.senderKey();
    Future<List<Message>> first = store.queuedForSender(key, null, null, 1);
    Future<Optional<LastSend>> lastSend = store.lastSend(key);
    return Future.all(first, lastSend).compose(found -> {
      if (first.result().isEmpty()) {
        return Future.succeededFuture();
      }
      return rates.rateOf(ShardMessage.of(first.result().get(0))).map(rate -> {
        scheduler.recoverStored(key, rate, backlog.messages(), backlog.segments());
        lastSend.result().ifPresent(last -> holdAfter(last, rate));
        return null;
      });
    });
  }

  // Enqueue: a committed message from the ingress, sender assignment or scheduled release.

  /** A {@link ShardMessage} from any pod, or a {@link ShardBatch} from an event loop of this one. */
  private void arrived(Object body) {
    if (body instanceof ShardBatch batch) {
      batch.messages().forEach(this::enqueue);
    } else {
      enqueue((ShardMessage) body);
    }
  }

  private void enqueue(ShardMessage message) {
    if (arrivedWhileRecovering != null) {
      arrivedWhileRecovering.add(message);
      return;
    }
    rates.rateOf(message).onSuccess(rate -> {
      String key = message.senderKey();
      List<QueuedAt> waiting = awaitingLastSend.get(key);
      if (waiting != null) {
        waiting.add(new QueuedAt(message, rate));
      } else if (mayBeHeldByPreviousOwner(key, rate)) {
        waiting = new ArrayList<>();
        waiting.add(new QueuedAt(message, rate));
        awaitingLastSend.put(key, waiting);
        holdFromLastSend(key, rate);
      } else {
        enqueueNow(message, rate);
        pump();
      }
    });
  }

  /**
   * Whether a sender the scheduler does not know may still be held by a send made before the
   * shard started here (by the pod that owned it before, or by this gateway before a restart):
   * recovery holds only senders with a backlog, so one with nothing queued at the take-over
   * comes here with its first message. That send came before the start, and one message holds
   * its sender at most {@link #MOST_SEGMENTS_PER_MESSAGE} over the sender's rate, so after
   * {@code start + MOST_SEGMENTS_PER_MESSAGE / rate} no earlier send can hold it and the hot
   * path reads nothing from the store. A sender the scheduler knows (queued, or held by its own
   * sends) is held already: a previous owner's hold was applied when it was first seen here.
   */
  private boolean mayBeHeldByPreviousOwner(String senderKey, double rate) {
    return nowMicros() < startedMicros + SenderQueue.holdMicros(MOST_SEGMENTS_PER_MESSAGE, rate)
        && !scheduler.tracks(senderKey) && !lastSendRead.contains(senderKey);
  }

  /**
   * Reads the sender's latest send, holds the sender from it, then enqueues what came
   * meanwhile in arrival order. When the store cannot answer, the messages go unheld rather
   * than wait: a broken pace is better than a stranded message.
   */
  private void holdFromLastSend(String senderKey, double rate) {
    store.lastSend(senderKey).onComplete(found -> {
      if (found.succeeded()) {
        lastSendRead.add(senderKey);
        found.result().ifPresent(last -> holdAfter(last, rate));
      } else {
        LOG.log(System.Logger.Level.WARNING, "Reading the latest send of " + senderKey
            + " failed; its messages go without waiting for a previous owner's hold", found.cause());
      }
      List<QueuedAt> waiting = awaitingLastSend.remove(senderKey);
      if (waiting != null) {
        waiting.forEach(queued -> enqueueNow(queued.message(), queued.rate()));
      }
      pump();
    });
  }

  private void holdAfter(LastSend last, double rate) {
    scheduler.holdAfterLastSend(last.senderKey(), rate, micros(last.dateSent()),
        Math.max(1, last.segments()));
  }

  private void enqueueNow(ShardMessage message, double rate) {
    EnqueueResult result = scheduler.enqueue(message.senderKey(), rate, entryOf(message));
    if (result == EnqueueResult.OVERFLOW) {
      writeStatus(StatusChange.failed(message.sid(), MessageStatus.FAILED, now(), DeliveryError.QUEUE_OVERFLOW.code(),
          DeliveryError.QUEUE_OVERFLOW.message()));
    }
  }

  /** A message waiting for its sender's latest send, with the rate already found for it. */
  private record QueuedAt(ShardMessage message, double rate) {}

  static QueueEntry entryOf(QueuedMessage message) {
    return entryOf(message.sid(), message.numSegments(), message.dateCreated(),
        message.validityPeriod());
  }

  static QueueEntry entryOf(ShardMessage message) {
    return entryOf(message.sid(), message.numSegments(), message.dateCreated(),
        message.validityPeriod());
  }

  private static QueueEntry entryOf(String sid, int segments, Instant dateCreated,
      int validityPeriod) {
    long created = micros(dateCreated);
    return new QueueEntry(sid, Math.max(1, segments), created, created + validityPeriod * 1_000_000L);
  }

  // The pump: refills, then one timer for the earliest due sender.

  private void pump() {
    if (stopping) {
      return;
    }
    scheduler.refillsNeeded().forEach(this::refill);
    long wake = scheduler.nextWakeMicros();
    if (wake == ShardScheduler.NO_WAKE || wake >= timerAtMicros) {
      return;
    }
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    long delayMillis = Math.max(1, (wake - nowMicros() + 999) / 1000);
    timerAtMicros = wake;
    timerId = vertx.setTimer(delayMillis, fired -> {
      timerId = -1;
      timerAtMicros = ShardScheduler.NO_WAKE;
      tick();
    });
  }

  private void refill(RefillRequest request) {
    RefillRequest.Cursor after = request.after();
    Instant afterCreated = after == null ? null : instant(after.createdMicros());
    String afterSid = after == null ? null : after.sid();
    store.senderQueue(request.senderKey(), afterCreated, afterSid, request.maxCount())
        .onSuccess(loaded -> {
          scheduler.refill(request.senderKey(), loaded.stream().map(ThrottleVerticle::entryOf).toList(),
              loaded.size() < request.maxCount());
          pump();
        })
        .onFailure(failure -> {
          LOG.log(System.Logger.Level.WARNING, "Refill of " + request.senderKey() + " failed; retrying", failure);
          vertx.setTimer(1000, retry -> refill(request));
        });
  }

  private void tick() {
    if (stopping) {
      return;
    }
    int sent = 0;
    long segments = 0;
    for (Dispatch dispatch : scheduler.due(nowMicros())) {
      if (dispatch.outcome() == Dispatch.Outcome.EXPIRED) {
        writeStatus(StatusChange.failed(dispatch.entry().sid(), MessageStatus.FAILED, now(), DeliveryError.VALIDITY_EXPIRED.code(),
            DeliveryError.VALIDITY_EXPIRED.message()));
      } else {
        sendOne(dispatch.entry().sid(), instant(dispatch.atMicros()).truncatedTo(ChronoUnit.MICROS));
        sent++;
        segments += dispatch.entry().segments();
      }
    }
    if (sent > 0) {
      components.metrics().dispatched(shard, sent, segments);
    }
    pump();
  }

  /**
   * Moves the message to sending (only if nobody did yet), then hands it to the carrier. The
   * claim answers the message itself, so nothing is read before it: a message that is no longer
   * queued (sent by a shard's previous owner, failed, deleted) is not moved and answers empty.
   * Only messages committed as queued reach a shard, so the claim never moves one from an
   * earlier status.
   */
  private void sendOne(String sid, Instant releasedAt) {
    inFlight++;
    statusWrites.write(StatusChange.to(sid, MessageStatus.SENDING, now()))
        .compose(moved -> moved.isEmpty()
            ? Future.succeededFuture()
            : vertx.eventBus().request(Addresses.CARRIER_SUBMIT,
                new CarrierRequest(OutboundSms.of(moved.get()), releasedAt), CARRIER_SUBMIT_OPTIONS))
        // Never offered again from here: the carrier may hold it (see Addresses.CARRIER_SUBMIT).
        .onFailure(failure -> {
          LOG.log(System.Logger.Level.WARNING, "Sending " + sid + " did not complete;"
              + " it stays sending until the next start or shard take-over queues it again", failure);
          if (failure instanceof StatusWriteRefusedException) {
            // Still queued in the store but no longer in the scheduler: compare the two soon.
            recheckLater();
          }
        })
        .onComplete(done -> settle());
  }

  private void settle() {
    inFlight--;
    if (inFlight == 0 && drained != null) {
      drained.tryComplete();
    }
  }

  private void writeStatus(StatusChange change) {
    statusWrites.write(change).onFailure(failure -> LOG.log(System.Logger.Level.ERROR,
        "Writing " + change.sid() + " " + change.status().wire() + " failed", failure));
  }

  private Instant now() {
    return components.clock().instant().truncatedTo(ChronoUnit.MICROS);
  }

  private long nowMicros() {
    return micros(components.clock().instant());
  }

  static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }
}
