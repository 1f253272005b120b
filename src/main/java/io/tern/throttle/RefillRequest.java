package io.tern.throttle;

/**
 * Ask the store for a sender's next queued messages: those after {@code after} in store order
 * (createdMicros, then sid), at most {@code maxCount}. Answer with
 * {@link ShardScheduler#refill(String, java.util.List, boolean)}.
 *
 * @param after the last entry already loaded, or null to read from the sender's oldest message
 */
public record RefillRequest(String senderKey, Cursor after, int maxCount) {
  /** A position in the store order of one sender's queued messages. */
  public record Cursor(long createdMicros, String sid) {}

  public boolean fromStart() {
    return after == null;
  }
}
