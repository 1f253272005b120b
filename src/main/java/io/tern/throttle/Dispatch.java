package io.tern.throttle;

/**
 * One decision of the scheduler: send this entry now, or fail it because its validity period ran
 * out while it queued.
 *
 * @param atMicros the instant of the decision (the {@code now} given to
 *     {@link ShardScheduler#due(long)})
 */
public record Dispatch(String senderKey, QueueEntry entry, Outcome outcome, long atMicros) {
  public enum Outcome {
    /** Hand to the carrier; the entry's segments have been charged to the sender's rate. */
    SEND,
    /** Fail with 30036; it did not consume the sender's rate. */
    EXPIRED
  }
}
