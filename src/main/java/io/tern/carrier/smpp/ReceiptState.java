package io.tern.carrier.smpp;

import java.util.Locale;

/** A delivery receipt's message state, from the {@code message_state} TLV or the {@code stat:} text. */
public enum ReceiptState {
  ENROUTE(1, "ENROUTE", false),
  DELIVERED(2, "DELIVRD", true),
  EXPIRED(3, "EXPIRED", true),
  DELETED(4, "DELETED", true),
  UNDELIVERABLE(5, "UNDELIV", true),
  // Final by the specification, but many SMSCs send it while they still hold the message.
  ACCEPTED(6, "ACCEPTD", false),
  UNKNOWN(7, "UNKNOWN", true),
  REJECTED(8, "REJECTD", true),
  SKIPPED(9, "SKIPPED", true);

  final int tlvValue;
  final String stat;
  /** True when the receipt settles the message (delivered or undelivered). */
  public final boolean isFinal;

  ReceiptState(int tlvValue, String stat, boolean isFinal) {
    this.tlvValue = tlvValue;
    this.stat = stat;
    this.isFinal = isFinal;
  }

  /** The state of a {@code message_state} value; null for one Tern does not know. */
  public static ReceiptState ofTlv(int value) {
    for (ReceiptState state : values()) {
      if (state.tlvValue == value) {
        return state;
      }
    }
    return null;
  }

  /** The state of a {@code stat:} text; buffered-like texts (BUFFRED, ACKED) are ENROUTE. */
  public static ReceiptState ofStat(String stat) {
    String s = stat.toUpperCase(Locale.ROOT);
    for (ReceiptState state : values()) {
      if (state.stat.equals(s)) {
        return state;
      }
    }
    return switch (s) {
      case "DELIVERED" -> DELIVERED;
      case "UNDELIVERABLE", "FAILED" -> UNDELIVERABLE;
      case "REJECTED" -> REJECTED;
      case "BUFFRED", "BUFFERD", "BUFFERED", "ACKED" -> ENROUTE;
      default -> UNKNOWN;
    };
  }

  public String stat() {
    return stat;
  }

  public int tlvValue() {
    return tlvValue;
  }
}
