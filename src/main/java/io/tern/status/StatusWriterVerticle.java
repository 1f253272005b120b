package io.tern.status;

import io.tern.bus.Addresses;
import io.tern.bus.LocalCodec;
import io.tern.message.Message;
import io.tern.message.StatusChange;
import io.tern.metrics.BatchMeter;
import io.tern.metrics.StatusWriteMeter;
import io.tern.store.MessageLifecycle;
import io.tern.store.PendingCallback;
import io.tern.store.StoreFailures;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes status changes to the store in batches. Changes that arrive while a batch is being
 * written wait and go together in the next one: one round trip for many messages under load,
 * and no added delay when idle. Under load (the batch just written held more than one change)
 * a small next batch waits {@link #DEFAULT_LINGER_MILLIS} for more: much of the store's cost is
 * per statement and per transaction, whatever the batch's size, so fewer, larger batches cost
 * far less per change. One batch at a time, so changes to one message are
 * applied in the order they were sent (a {@code sent} is never overtaken by its
 * {@code delivered}).
 *
 * <p>A change is answered only once it is committed. When the store cannot be reached the batch
 * goes back to the head of the line and is tried again after a pause that grows to
 * {@link #MAX_RETRY_MILLIS}, so order holds and nothing handed over is lost to an outage. At most
 * {@code maxPending} changes wait; past that, new ones are refused with
 * {@link StatusWriteRefusedException} (logged and counted) rather than held without limit. A
 * batch the store rejects for another reason is written again one change at a time, so one bad
 * change cannot hold up the others; a single change rejected so is logged, counted and answered
 * with the failure.
 *
 * <p>Each applied change is told to the {@link StatusWriteMeter} (which counts carrier outcomes)
 * on this event loop, not published: an event per change was a hop to another loop for each of
 * a message's three changes. Callbacks were written to the outbox in the same transaction, and
 * {@link Addresses#CALLBACKS_PENDING} tells the callback sender to look.
 */
public final class StatusWriterVerticle extends VerticleBase {
  private static final System.Logger LOG = System.getLogger(StatusWriterVerticle.class.getName());
  static final int MAX_BATCH = 512;
  /** Uncommitted changes held at most by default: some tens of megabytes at worst. */
  public static final int DEFAULT_MAX_PENDING = 200_000;
  static final long FIRST_RETRY_MILLIS = 50;
  static final long MAX_RETRY_MILLIS = 1_000;
  /**
   * How long a small batch waits for company under load. Measured with
   * {@code benchmarks/load/dispatch_cost.py}: 4 ms took PostgreSQL's CPU per dispatched message
   * from 841–865 µs to 596–609 µs (each message makes three status changes); 10 ms, later,
   * from 447–488 µs to 365–401 µs; 25 ms, later still, gateway and PostgreSQL together from
   * 408–450 µs to 354–357 µs. At 1,000 messages a second a batch then fills to
   * {@link #LINGER_BELOW} before the wait ends; the wait adds at most this much to a change's
   * latency, never to a sender's pace (the throttle releases on its schedule, not on answers).
   */
  public static final long DEFAULT_LINGER_MILLIS = 25;
  /** A batch at least this large goes at once: waiting would make it hardly cheaper per change. */
  static final int LINGER_BELOW = 64;

  private final MessageLifecycle store;
  private final BatchMeter meter;
  private final StatusWriteMeter writeMeter;
  private final int maxPending;
  private final long lingerMillis;
  private final Deque<StatusWrites.Write> waiting = new ArrayDeque<>();
  /**
   * Writes whose batch failed as an outage: the store may have committed them before the
   * connection went, so a retry that finds "no step forward" may be their own earlier commit.
   */
  private final Set<StatusWrites.Write> mayHaveCommitted =
      Collections.newSetFromMap(new IdentityHashMap<>());
  private final Deque<FlushMark> flushes = new ArrayDeque<>();
  private int writingCount;
  private boolean writing;
  private long retryTimer = -1;
  private long lingerTimer = -1;
  /** Whether the waiting changes have lingered already: they go at the next chance. */
  private boolean lingered;
  /** How many changes the last batch written held. */
  private int lastBatchSize;
  private long retryMillis;
  /** Changes left to write one at a time after a batch the store rejected. */
  private int alone;
  /** Numbers of the changes received and of the last one settled, for flushes. */
  private long received;
  private long settled;
  private boolean refusing;
  private Promise<Void> drained;

  private record FlushMark(long upTo, StatusWrites.Answer<Void> answer) {}

  public StatusWriterVerticle(MessageLifecycle store) {
    this(store, BatchMeter.NONE, StatusWriteMeter.NONE, DEFAULT_MAX_PENDING);
  }

  /**
   * @param meter told each batch's size and how long the store took to apply it
   * @param writeMeter told the backlog, the retries and the refusals
   * @param maxPending uncommitted changes held at most before new ones are refused
   */
  public StatusWriterVerticle(MessageLifecycle store, BatchMeter meter, StatusWriteMeter writeMeter,
      int maxPending) {
    this(store, meter, writeMeter, maxPending, DEFAULT_LINGER_MILLIS);
  }

  /** @param lingerMillis how long a small batch waits for more under load (0: never) */
  StatusWriterVerticle(MessageLifecycle store, BatchMeter meter, StatusWriteMeter writeMeter,
      int maxPending, long lingerMillis) {
    if (maxPending < 1) {
      throw new IllegalArgumentException("maxPending must be at least 1");
    }
    if (lingerMillis < 0) {
      throw new IllegalArgumentException("lingerMillis must not be negative");
    }
    this.store = store;
    this.meter = meter;
    this.writeMeter = writeMeter;
    this.maxPending = maxPending;
    this.lingerMillis = lingerMillis;
  }

  @Override
  public Future<?> start() {
    writeMeter.pending(this::pendingCount);
    StatusWrites.registerCodecs(vertx);
    return vertx.eventBus().localConsumer(Addresses.STATUS_WRITE, request -> {
      if (request.body() instanceof StatusWrites.Write write) {
        write.answer().answers(request);
        accept(write);
      } else if (request.body() instanceof StatusWrites.Flush flush) {
        flush.answer().answers(request);
        flushes.add(new FlushMark(received, flush.answer()));
        settleFlushes();
      }
    }).completion();
  }

  /** Writes what is still waiting before the verticle goes: nothing handed over is dropped. */
  @Override
  public Future<?> stop() {
    drained = Promise.promise();
    if (lingerTimer >= 0) {
      endLinger();
      writeNext();
    }
    checkDrained();
    return drained.future();
  }

  /** Changes handed over and not yet committed (a gauge: read from other threads, roughly). */
  long pendingCount() {
    return waiting.size() + writingCount;
  }

  private void accept(StatusWrites.Write write) {
    if (pendingCount() >= maxPending) {
      writeMeter.refused();
      if (!refusing) {
        refusing = true;
        LOG.log(System.Logger.Level.ERROR, "The status writer holds " + maxPending
            + " uncommitted changes; refusing new ones until the store catches up"
            + " (tern_status_refused_changes_total counts them)");
      }
      write.answer().fail(new StatusWriteRefusedException(maxPending));
      return;
    }
    refusing = false;
    received++;
    waiting.add(write);
    writeNext();
  }

  private void writeNext() {
    if (lingerTimer >= 0 && waiting.size() >= LINGER_BELOW) {
      // Company enough came while lingering.
      endLinger();
    }
    if (writing || retryTimer >= 0 || lingerTimer >= 0 || waiting.isEmpty()) {
      return;
    }
    if (shouldLinger()) {
      lingerTimer = vertx.setTimer(lingerMillis, fired -> {
        lingerTimer = -1;
        lingered = true;
        writeNext();
      });
      return;
    }
    lingered = false;
    writing = true;
    int size = alone > 0 ? 1 : Math.min(MAX_BATCH, waiting.size());
    List<StatusWrites.Write> batch = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      batch.add(waiting.poll());
    }
    writingCount = size;
    lastBatchSize = size;
    long started = System.nanoTime();
    store.applyStatusChanges(batch.stream().map(StatusWrites.Write::change).toList())
        .onComplete(done -> {
          writing = false;
          writingCount = 0;
          if (done.succeeded()) {
            meter.record(batch.size(), System.nanoTime() - started);
            committed(batch, done.result());
          } else {
            failed(batch, done.cause());
          }
          writeNext();
          checkDrained();
        });
  }

  /** Cuts a linger short: what waits goes at the next chance. */
  private void endLinger() {
    vertx.cancelTimer(lingerTimer);
    lingerTimer = -1;
    lingered = true;
  }

  /**
   * Under load only: an idle writer's lone change goes at once. Not while retrying, writing
   * changes one by one after a rejection, or stopping.
   */
  private boolean shouldLinger() {
    return lingerMillis > 0 && !lingered && lastBatchSize > 1 && waiting.size() < LINGER_BELOW
        && retryMillis == 0 && alone == 0 && drained == null;
  }

  private void committed(List<StatusWrites.Write> batch, List<Message> updated) {
    if (retryMillis > 0) {
      LOG.log(System.Logger.Level.INFO, "The store commits status changes again");
      retryMillis = 0;
    }
    if (alone > 0) {
      alone--;
    }
    settled += batch.size();
    boolean anyMayReport = false;
    Map<String, StatusWrites.Write> unsure = new java.util.LinkedHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      Message message = updated.get(i);
      StatusWrites.Write write = batch.get(i);
      if (mayHaveCommitted.remove(write) && message == null) {
        unsure.put(write.change().sid(), write);
        continue;
      }
      // Counted before it is answered: whoever the answer wakes finds it in the meter.
      if (message != null) {
        anyMayReport |= mayHaveCallback(message);
        writeMeter.applied(message);
      }
      write.answer().succeed(Optional.ofNullable(message));
    }
    if (anyMayReport) {
      vertx.eventBus().publish(Addresses.CALLBACKS_PENDING, null, LocalCodec.localOnly());
    }
    answerUnsure(unsure);
    settleFlushes();
  }

  /**
   * Whether the change just applied may have written a status callback: the store records one
   * only for a status Twilio reports ({@link PendingCallback#reports}), of a message with its
   * own callback URL or one sent through a Messaging Service (whose URL it looks up). Other
   * changes wake no callback reader, which would read the outbox for nothing at every batch.
   */
  private static boolean mayHaveCallback(Message message) {
    boolean viaService = message.messagingServiceSid() != null;
    return (message.statusCallback() != null || viaService)
        && PendingCallback.reports(message.status(), viaService);
  }

  /**
   * Answers retried writes that found no step forward. When the message now has exactly the
   * status the write asked for, set at the write's own time, the write's first attempt committed
   * before the outage cut its answer off: the caller is told it applied (a throttle then hands
   * the message to the carrier instead of leaving it {@code sending} for good). The time tells
   * it from an earlier change to the same status (a message a shard claimed before, which must
   * not go to the carrier twice). Otherwise, as for any write, empty.
   */
  private void answerUnsure(Map<String, StatusWrites.Write> unsure) {
    if (unsure.isEmpty()) {
      return;
    }
    store.findBySids(unsure.keySet()).onComplete(found -> {
      Map<String, Message> current = new java.util.HashMap<>();
      if (found.succeeded()) {
        found.result().forEach(message -> current.put(message.sid(), message));
      } else {
        LOG.log(System.Logger.Level.WARNING, "Reading back " + unsure.size()
            + " status changes retried after an outage failed; they are answered as not applied",
            found.cause());
      }
      unsure.forEach((sid, write) -> {
        Message message = current.get(sid);
        boolean ownCommit = message != null && message.status() == write.change().status()
            && sameMicrosecond(message.dateUpdated(), write.change().at());
        if (ownCommit) {
          writeMeter.applied(message);
        }
        write.answer().succeed(ownCommit ? Optional.of(message) : Optional.empty());
      });
    });
  }

  /** The store keeps times to the microsecond. */
  private static boolean sameMicrosecond(Instant stored, Instant asked) {
    return stored != null && stored.truncatedTo(ChronoUnit.MICROS)
        .equals(asked.truncatedTo(ChronoUnit.MICROS));
  }

  private void failed(List<StatusWrites.Write> batch, Throwable failure) {
    if (!StoreFailures.isRejected(failure)) {
      // An outage, or a failure not known to be the change's own: dropping it would strand the
      // message, so it waits for the store.
      retryLater(batch, failure);
    } else if (batch.size() > 1) {
      // Which change the store rejected is unknown: each goes alone, in the same order.
      alone = batch.size();
      putBack(batch);
    } else {
      mayHaveCommitted.remove(batch.get(0));
      StatusChange change = batch.get(0).change();
      LOG.log(System.Logger.Level.ERROR, "The store rejected the status change of " + change.sid()
          + " to " + change.status().wire() + "; it is not applied", failure);
      writeMeter.rejected();
      alone = Math.max(0, alone - 1);
      settled++;
      batch.get(0).answer().fail(failure);
      settleFlushes();
    }
  }

  /** Back to the head of the line, in order, ahead of what arrived meanwhile. */
  private void putBack(List<StatusWrites.Write> batch) {
    for (int i = batch.size() - 1; i >= 0; i--) {
      waiting.addFirst(batch.get(i));
    }
  }

  private void retryLater(List<StatusWrites.Write> batch, Throwable failure) {
    mayHaveCommitted.addAll(batch);
    putBack(batch);
    writeMeter.retried(batch.size());
    if (retryMillis == 0) {
      LOG.log(System.Logger.Level.WARNING, "The store could not commit " + batch.size()
          + " status changes; they are kept and tried again until it does", failure);
    }
    retryMillis = retryMillis == 0 ? FIRST_RETRY_MILLIS : Math.min(MAX_RETRY_MILLIS, retryMillis * 2);
    retryTimer = vertx.setTimer(retryMillis, fired -> {
      retryTimer = -1;
      writeNext();
    });
  }

  private void settleFlushes() {
    while (!flushes.isEmpty() && flushes.peek().upTo() <= settled) {
      flushes.poll().answer().succeed(null);
    }
  }

  private void checkDrained() {
    if (drained != null && waiting.isEmpty() && !writing) {
      drained.tryComplete();
    }
  }
}
