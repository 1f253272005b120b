package io.tern.throttle;

import java.util.ArrayDeque;
import java.util.List;

/**
 * One sender's queue and pacing state. The queue is a window onto the store: up to
 * {@code windowSize} entries in memory, in store order, and a count of those that still wait in
 * the store beyond them. Not thread-safe: its shard's event loop owns it.
 *
 * <p>Once anything waits in the store, newer entries are only counted there too: putting them in
 * memory would send them before older stored ones. Refills bring stored entries in, in store
 * order, after {@link #cursor the last one loaded}.
 */
final class SenderQueue {
  final String key;
  private final int windowSize;
  private double rate;

  /** Virtual scheduling time: when the sender may next send (GCRA's theoretical arrival time). */
  long nextFreeAt;

  private final ArrayDeque<QueueEntry> window = new ArrayDeque<>();
  private long windowSegments;
  private long storedEntries;
  private long storedSegments;

  // The greatest store position ever put in memory: anything at or before it is not loaded again.
  private boolean loadedAny;
  private long cursorCreatedMicros;
  private String cursorSid;

  boolean refillOutstanding;
  private long storedWhileRefilling;
  private long storedSegmentsWhileRefilling;

  // Heap bookkeeping for ShardScheduler; a key is never changed while its flag is set.
  boolean inReady;
  long readySeq;
  boolean inHolding;
  long releaseAt;
  boolean refillFlagged;

  SenderQueue(String key, int windowSize, double rate) {
    this.key = key;
    this.windowSize = windowSize;
    this.rate = rate;
  }

  double rate() {
    return rate;
  }

  void rate(double rate) {
    this.rate = rate;
  }

  /** Adds an entry that the store already holds, unless the sender's cap would be passed. */
  EnqueueResult offer(QueueEntry entry, long capSegments) {
    boolean atOrBeforeCursor = loadedAny && compareToCursor(entry) <= 0;
    if (atOrBeforeCursor && windowContains(entry.sid())) {
      return EnqueueResult.DUPLICATE;
    }
    if (queuedSegments() + entry.segments() > capSegments) {
      return EnqueueResult.OVERFLOW;
    }
    if (atOrBeforeCursor) {
      // Committed out of creation order: a refill reads only after the cursor and would never
      // find it, so it joins the window even if that makes the window longer than usual.
      addToWindow(entry);
    } else if (storedEntries > 0 || window.size() >= windowSize) {
      storedEntries++;
      storedSegments += entry.segments();
      if (refillOutstanding) {
        storedWhileRefilling++;
        storedSegmentsWhileRefilling += entry.segments();
      }
    } else {
      addToWindow(entry);
      moveCursorTo(entry);
    }
    return EnqueueResult.ACCEPTED;
  }

  /** Counts entries found in the store on recovery; refills will bring them in. */
  void addStored(long entries, long segments) {
    storedEntries += entries;
    storedSegments += segments;
    if (refillOutstanding) {
      storedWhileRefilling += entries;
      storedSegmentsWhileRefilling += segments;
    }
  }

  /**
   * Appends what the store returned after the cursor. Entries at or before the cursor were loaded
   * before (or queued out of order straight into memory) and are skipped, so a refill that
   * overlaps the window cannot send anything twice.
   */
  void acceptRefill(List<QueueEntry> loaded, boolean exhausted) {
    long entries = 0;
    long segments = 0;
    for (QueueEntry entry : loaded) {
      if (loadedAny && compareToCursor(entry) <= 0) {
        continue;
      }
      addToWindow(entry);
      moveCursorTo(entry);
      entries++;
      segments += entry.segments();
    }
    if (exhausted) {
      // The store had nothing more when it answered; only what was enqueued since the request
      // may be missing from the answer. Counting it again costs one empty refill at worst.
      storedEntries = storedWhileRefilling;
      storedSegments = storedSegmentsWhileRefilling;
    } else {
      // The counts are estimates (enqueue and refill race); the store says more remain, so keep
      // asking until it says it has none.
      storedEntries = Math.max(1, storedEntries - entries);
      storedSegments = Math.max(0, storedSegments - segments);
    }
    refillOutstanding = false;
    storedWhileRefilling = 0;
    storedSegmentsWhileRefilling = 0;
  }

  RefillRequest startRefill() {
    refillOutstanding = true;
    storedWhileRefilling = 0;
    storedSegmentsWhileRefilling = 0;
    RefillRequest.Cursor after =
        loadedAny ? new RefillRequest.Cursor(cursorCreatedMicros, cursorSid) : null;
    return new RefillRequest(key, after, Math.max(1, windowSize - window.size()));
  }

  boolean needsRefill(int lowWaterMark) {
    return storedEntries > 0 && !refillOutstanding && window.size() < lowWaterMark;
  }

  boolean hasWindowEntries() {
    return !window.isEmpty();
  }

  QueueEntry peekHead() {
    return window.peekFirst();
  }

  QueueEntry takeHead() {
    QueueEntry head = window.pollFirst();
    windowSegments -= head.segments();
    return head;
  }

  /** Nothing queued and nothing asked of the store: only the hold (nextFreeAt) remains. */
  boolean isIdle() {
    return window.isEmpty() && storedEntries == 0 && !refillOutstanding;
  }

  long queuedSegments() {
    return windowSegments + storedSegments;
  }

  int windowEntries() {
    return window.size();
  }

  long storedBeyondWindow() {
    return storedEntries;
  }

  long storedSegmentsBeyondWindow() {
    return storedSegments;
  }

  /** How long {@code segments} hold a sender of this rate: N/rate seconds, rounded up. */
  long holdMicros(int segments) {
    return holdMicros(segments, rate);
  }

  static long holdMicros(int segments, double rate) {
    // Rounding up keeps every hold at least N/rate, so no window ever exceeds the rate; the
    // rounding costs under 1 µs per message.
    return Math.max(1, (long) Math.ceil(segments * 1_000_000.0 / rate));
  }

  static long capSegments(double rate, long maxQueueSeconds) {
    // The epsilon keeps e.g. 0.7 × 14,400 at 10,080 despite binary floating point.
    return (long) Math.floor(rate * maxQueueSeconds + 1e-6);
  }

  private void addToWindow(QueueEntry entry) {
    window.addLast(entry);
    windowSegments += entry.segments();
  }

  private void moveCursorTo(QueueEntry entry) {
    loadedAny = true;
    cursorCreatedMicros = entry.createdMicros();
    cursorSid = entry.sid();
  }

  private int compareToCursor(QueueEntry entry) {
    int byTime = Long.compare(entry.createdMicros(), cursorCreatedMicros);
    return byTime != 0 ? byTime : entry.sid().compareTo(cursorSid);
  }

  private boolean windowContains(String sid) {
    // Only reached for entries at or before the cursor, a rare race; the window is small.
    for (QueueEntry queued : window) {
      if (queued.sid().equals(sid)) {
        return true;
      }
    }
    return false;
  }
}
