package io.tern.throttle;

import java.util.Comparator;
import java.util.Objects;

/**
 * What the throttle keeps of a queued message: enough to pace it and find it again in the store,
 * never the message itself (body, media and callbacks stay in the store until it is sent).
 *
 * @param sid the message sid, used to load the message when it is dispatched
 * @param segments segments the message costs its sender's rate (at least 1)
 * @param createdMicros creation time, the first half of the store order (created, sid)
 * @param deadlineMicros last instant at which the message may still go out (created +
 *     ValidityPeriod); {@link Long#MAX_VALUE} for none
 */
public record QueueEntry(String sid, int segments, long createdMicros, long deadlineMicros) {
  /** The order in which the store returns a sender's queued messages, and so the refill order. */
  public static final Comparator<QueueEntry> STORE_ORDER =
      Comparator.comparingLong(QueueEntry::createdMicros).thenComparing(QueueEntry::sid);

  public QueueEntry {
    Objects.requireNonNull(sid, "sid");
    if (segments < 1) {
      throw new IllegalArgumentException("segments must be at least 1: " + segments);
    }
  }

  /** True when the entry may no longer be sent at {@code nowMicros}. */
  public boolean expiredAt(long nowMicros) {
    return nowMicros > deadlineMicros;
  }
}
