package io.tern.store;

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
