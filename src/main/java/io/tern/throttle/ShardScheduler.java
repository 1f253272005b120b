package io.tern.throttle;

import static io.tern.metrics.SenderDepth.DEEPEST_FIRST;

import io.tern.metrics.SenderDepth;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Paces the senders of one throttle shard. Plain Java with time passed in (microseconds), so it
 * runs on any clock; its owner (the shard's verticle) calls it from one event loop only.
 *
 * <p>The owner's loop: {@link #enqueue} each committed message of the shard; arm one timer for
 * {@link #nextWakeMicros()} (re-arm when that moves earlier); when it fires call {@link #due}
 * and submit or fail what it returns; after either, serve {@link #refillsNeeded()} from the store
 * and answer each with {@link #refill}. See the package documentation for the design.
 */
public final class ShardScheduler {
  /** {@link #nextWakeMicros()} when no sender has anything to send. */
  public static final long NO_WAKE = Long.MAX_VALUE;

  private static final Comparator<SenderQueue> BY_NEXT_FREE =
      Comparator.<SenderQueue>comparingLong(q -> q.nextFreeAt).thenComparingLong(q -> q.readySeq);
  private static final Comparator<SenderQueue> BY_RELEASE =
      Comparator.comparingLong(q -> q.releaseAt);

  private final SchedulerSettings settings;
  /** Every sender with a queue, an outstanding refill, or a hold that has not yet expired. */
  private final Map<String, SenderQueue> senders = new HashMap<>();
  /** Senders with entries in memory, earliest nextFreeAt first. */
  private final PriorityQueue<SenderQueue> ready = new PriorityQueue<>(BY_NEXT_FREE);
  /** Idle senders whose hold has not expired, earliest expiry first; dropped after it. */
  private final PriorityQueue<SenderQueue> holding = new PriorityQueue<>(BY_RELEASE);
  private final ArrayDeque<SenderQueue> refillCandidates = new ArrayDeque<>();
  private long readySeq;
  private long lastNow;

  public ShardScheduler(SchedulerSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public SchedulerSettings settings() {
    return settings;
  }

  /**
   * Queues a message already committed to the store behind its sender.
   *
   * @param rate the sender's rate in segments per second ({@link RateRules}); it also sets the
   *     sender's cap, {@code rate × maxQueueSeconds} segments counting memory and store
   * @return ACCEPTED; OVERFLOW when the cap would be passed (fail the message with 30001);
   *     DUPLICATE when a refill already loaded it (nothing to do)
   */
  public EnqueueResult enqueue(String senderKey, double rate, QueueEntry entry) {
    Objects.requireNonNull(senderKey, "senderKey");
    Objects.requireNonNull(entry, "entry");
    RateRules.requireValidRate(rate, "rate");
    SenderQueue queue = senders.get(senderKey);
    boolean created = queue == null;
    if (created) {
      queue = new SenderQueue(senderKey, settings.windowSize(), rate);
    }
    queue.rate(rate);
    EnqueueResult result = queue.offer(entry, SenderQueue.capSegments(rate, settings.maxQueueSeconds()));
    if (result == EnqueueResult.ACCEPTED) {
      if (created) {
        senders.put(senderKey, queue);
      }
      settle(queue);
    }
    return result;
  }

  /**
   * Restart recovery: the store holds {@code entries} queued messages of this sender
   * ({@code segments} in all) that this scheduler has not seen. They are loaded by refills, oldest
   * first, and count towards the sender's cap. A sender whose latest send is known is then held
   * from it with {@link #holdAfterLastSend}.
   */
  public void recoverStored(String senderKey, double rate, long entries, long segments) {
    Objects.requireNonNull(senderKey, "senderKey");
    RateRules.requireValidRate(rate, "rate");
    if (entries <= 0) {
      return;
    }
    SenderQueue queue = senders.computeIfAbsent(
        senderKey, key -> new SenderQueue(key, settings.windowSize(), rate));
    queue.rate(rate);
    queue.addStored(entries, Math.max(0, segments));
    settle(queue);
  }

  /**
   * Holds a sender, queued or not, from its latest send by whoever sent for it before (another
   * pod before the shard moved here, or this shard before a restart): it may send again at
   * {@code lastSentMicros + lastSegments / rate}, unless it is held longer already. A sender this
   * scheduler does not know is created idle with that hold, so the messages enqueued next wait
   * for it; a hold already over is dropped as any expired one is. Never shortens a hold.
   *
   * @param lastSegments 0 when the sender never sent: nothing to do
   */
  public void holdAfterLastSend(String senderKey, double rate, long lastSentMicros, int lastSegments) {
    Objects.requireNonNull(senderKey, "senderKey");
    RateRules.requireValidRate(rate, "rate");
    if (lastSegments <= 0) {
      return;
    }
    SenderQueue queue = senders.computeIfAbsent(
        senderKey, key -> new SenderQueue(key, settings.windowSize(), rate));
    holdUntil(queue, lastSentMicros + SenderQueue.holdMicros(lastSegments, rate));
    settle(queue);
  }

  /** Whether the scheduler has any state for the sender: a queue, a refill or a hold. */
  public boolean tracks(String senderKey) {
    return senders.containsKey(senderKey);
  }

  /** Moves the sender's next send to {@code freeAt} if that is later; settle it afterwards. */
  private void holdUntil(SenderQueue queue, long freeAt) {
    if (freeAt <= queue.nextFreeAt) {
      return;
    }
    if (queue.inReady) {
      // nextFreeAt is the ready heap's key: out of the heap while it changes. Take-over only.
      ready.remove(queue);
      queue.inReady = false;
    }
    queue.nextFreeAt = freeAt;
  }

  /**
   * What is due at {@code nowMicros}: for every sender whose hold has expired, its head entry,
   * to SEND (its segments now hold the sender {@code segments / rate} seconds from now) or, when
   * its deadline has passed, EXPIRED (no charge; the sender's next entry is considered at once).
   * At most {@code maxDispatchesPerCall} results; when more are due, {@link #nextWakeMicros()}
   * is {@code nowMicros}.
   */
  public List<Dispatch> due(long nowMicros) {
    lastNow = Math.max(lastNow, nowMicros);
    releaseExpiredHolds(nowMicros);
    List<Dispatch> dispatches = new ArrayList<>();
    int budget = settings.maxDispatchesPerCall();
    while (budget > 0 && !ready.isEmpty() && ready.peek().nextFreeAt <= nowMicros) {
      SenderQueue queue = ready.poll();
      queue.inReady = false;
      while (budget > 0 && queue.hasWindowEntries()) {
        QueueEntry head = queue.takeHead();
        budget--;
        if (head.expiredAt(nowMicros)) {
          dispatches.add(new Dispatch(queue.key, head, Dispatch.Outcome.EXPIRED, nowMicros));
          continue;
        }
        queue.nextFreeAt = Math.max(nowMicros, queue.nextFreeAt) + queue.holdMicros(head.segments());
        dispatches.add(new Dispatch(queue.key, head, Dispatch.Outcome.SEND, nowMicros));
        break;
      }
      settle(queue);
    }
    return dispatches;
  }

  /**
   * When {@link #due} should next be called: the earliest hold expiry among senders with entries
   * in memory, never earlier than the last {@code now} given to {@code due} (so an overdue
   * sender reads as "now"); {@link #NO_WAKE} when there is none.
   */
  public long nextWakeMicros() {
    SenderQueue first = ready.peek();
    return first == null ? NO_WAKE : Math.max(first.nextFreeAt, lastNow);
  }

  /**
   * Senders whose in-memory window fell below the low-water mark while entries remain in the
   * store, each asked once until its {@link #refill} arrives. Cheap when there are none; call it
   * after {@link #due}, {@link #enqueue} and {@link #refill}.
   */
  public List<RefillRequest> refillsNeeded() {
    if (refillCandidates.isEmpty()) {
      return List.of();
    }
    List<RefillRequest> requests = new ArrayList<>(refillCandidates.size());
    SenderQueue queue;
    while ((queue = refillCandidates.poll()) != null) {
      queue.refillFlagged = false;
      if (queue.needsRefill(settings.lowWaterMark()) && senders.get(queue.key) == queue) {
        requests.add(queue.startRefill());
      }
    }
    return requests;
  }

  /**
   * The store's answer to a {@link RefillRequest}.
   *
   * @param loaded the sender's queued entries after the request's cursor, in store order
   *     (createdMicros, then sid); entries at or before what is already loaded are ignored
   * @param exhausted true when the store has nothing more after these (it returned fewer than
   *     asked)
   */
  public void refill(String senderKey, List<QueueEntry> loaded, boolean exhausted) {
    SenderQueue queue = senders.get(senderKey);
    if (queue == null || !queue.refillOutstanding) {
      return;
    }
    queue.acceptRefill(loaded, exhausted);
    settle(queue);
  }

  /** Segments the sender has queued, in memory and in the store (what its cap counts). */
  public long queuedSegments(String senderKey) {
    SenderQueue queue = senders.get(senderKey);
    return queue == null ? 0 : queue.queuedSegments();
  }

  /** Segments queued by every sender of the shard, in memory and in the store; O(senders). */
  public long totalQueuedSegments() {
    long total = 0;
    for (SenderQueue queue : senders.values()) {
      total += queue.queuedSegments();
    }
    return total;
  }

  /**
   * The shard's totals and its {@code top} deepest senders (most queued segments first, ties by
   * key), counting memory and store as the cap does. O(senders × log top): the owner samples it
   * now and then for the gauges, never per message.
   */
  public ShardQueueSample sample(int top) {
    PriorityQueue<SenderDepth> deepest = new PriorityQueue<>(DEEPEST_FIRST.reversed());
    long messages = 0;
    long segments = 0;
    for (SenderQueue queue : senders.values()) {
      long queuedSegments = queue.queuedSegments();
      if (queuedSegments == 0) {
        continue;
      }
      long queuedMessages = queue.windowEntries() + queue.storedBeyondWindow();
      messages += queuedMessages;
      segments += queuedSegments;
      if (top <= 0) {
        continue;
      }
      SenderDepth sender = new SenderDepth(queue.key, queuedMessages, queuedSegments,
          queuedSegments / queue.rate());
      if (deepest.size() < top) {
        deepest.add(sender);
      } else if (DEEPEST_FIRST.compare(sender, deepest.peek()) < 0) {
        deepest.poll();
        deepest.add(sender);
      }
    }
    List<SenderDepth> ordered = new ArrayList<>(deepest);
    ordered.sort(DEEPEST_FIRST);
    return new ShardQueueSample(messages, segments, ordered);
  }

  /** Entries of the sender held in memory. */
  public int windowEntries(String senderKey) {
    SenderQueue queue = senders.get(senderKey);
    return queue == null ? 0 : queue.windowEntries();
  }

  /** Entries of the sender known to wait in the store beyond its window. */
  public long storedBeyondWindow(String senderKey) {
    SenderQueue queue = senders.get(senderKey);
    return queue == null ? 0 : queue.storedBeyondWindow();
  }

  /** Senders with any state: a queue, an outstanding refill or an unexpired hold. */
  public int trackedSenders() {
    return senders.size();
  }

  /** Senders with entries in memory, waiting for their turn. */
  public int readySenders() {
    return ready.size();
  }

  /**
   * Everything the scheduler holds in its structures (senders, heaps, refill list); zero once all
   * queues are drained and every hold has expired.
   */
  public int internalSize() {
    return senders.size() + ready.size() + holding.size() + refillCandidates.size();
  }

  /** Puts a sender in the one structure its state calls for, after anything changed it. */
  private void settle(SenderQueue queue) {
    if (queue.hasWindowEntries()) {
      if (!queue.inReady) {
        queue.readySeq = readySeq++;
        queue.inReady = true;
        ready.add(queue);
      }
    } else if (queue.isIdle()) {
      holdOrDrop(queue);
    }
    if (!queue.refillFlagged && queue.needsRefill(settings.lowWaterMark())) {
      queue.refillFlagged = true;
      refillCandidates.add(queue);
    }
  }

  private void holdOrDrop(SenderQueue queue) {
    if (queue.nextFreeAt <= lastNow) {
      senders.remove(queue.key, queue);
    } else if (!queue.inHolding) {
      queue.releaseAt = queue.nextFreeAt;
      queue.inHolding = true;
      holding.add(queue);
    }
  }

  private void releaseExpiredHolds(long nowMicros) {
    while (!holding.isEmpty() && holding.peek().releaseAt <= nowMicros) {
      SenderQueue queue = holding.poll();
      queue.inHolding = false;
      if (queue.isIdle()) {
        holdOrDrop(queue);
      }
    }
  }
}
