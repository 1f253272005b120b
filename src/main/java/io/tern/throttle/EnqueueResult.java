package io.tern.throttle;

/** What {@link ShardScheduler#enqueue} did with an entry. */
public enum EnqueueResult {
  /** Queued, in memory or counted as waiting in the store. */
  ACCEPTED,
  /** The sender already holds its queue cap of segments: fail the message with 30001. */
  OVERFLOW,
  /** The entry is already in the sender's in-memory window (a refill got there first): ignore. */
  DUPLICATE
}
