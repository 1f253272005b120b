package io.tern.message;

import java.util.Locale;

/** Twilio's message statuses, in the order a message can move through them. */
public enum MessageStatus {
  SCHEDULED, ACCEPTED, QUEUED, SENDING, SENT, FAILED, DELIVERED, UNDELIVERED, CANCELED,
  RECEIVING, RECEIVED, READ;

  /** The status as Twilio spells it on the wire. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static MessageStatus fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  /** Rank of statuses no status change may set or leave (inbound and read receipts). */
  public static final int NO_RANK = -1;
  /** Rank of the outbound final statuses: nothing comes after them. */
  public static final int FINAL_RANK = 5;

  /**
   * Position on the outbound path. A status change only moves a message to a higher rank, so
   * reports that arrive out of order (a late {@code sent} after {@code delivered}) cannot move
   * it back, and a final status never changes. {@link #NO_RANK} for inbound statuses and
   * {@code read}, which status changes do not handle.
   */
  public int rank() {
    return switch (this) {
      case SCHEDULED -> 0;
      case ACCEPTED -> 1;
      case QUEUED -> 2;
      case SENDING -> 3;
      case SENT -> 4;
      case FAILED, DELIVERED, UNDELIVERED, CANCELED -> FINAL_RANK;
      case RECEIVING, RECEIVED, READ -> NO_RANK;
    };
  }

  /**
   * Whether a message in this status may move to {@code next}: forward by rank, and to
   * {@code canceled} only from {@code scheduled} (Twilio cancels nothing else, and a message
   * released at SendAt must not be canceled by a request that read it just before).
   */
  public boolean canMoveTo(MessageStatus next) {
    if (rank() == NO_RANK || next.rank() <= rank()) {
      return false;
    }
    return next != CANCELED || this == SCHEDULED;
  }

  /** Final states: nothing more will happen to the message, so it may be deleted. */
  public boolean isFinal() {
    return switch (this) {
      case FAILED, DELIVERED, UNDELIVERED, CANCELED, RECEIVED, READ -> true;
      // A sent message may never get a delivery report; Twilio lets it be deleted.
      case SENT -> true;
      default -> false;
    };
  }
}
