package io.tern.carrier;

import io.tern.message.DeliveryError;
import io.tern.message.MessageStatus;
import java.util.Locale;
import java.util.Objects;

/**
 * What the simulated carrier does with a message to one destination. Written in configuration
 * as {@code delivered}, {@code sent} (accepted, never reported), {@code undelivered:<code>}
 * (accepted, then reported undelivered) or {@code failed:<code>} (rejected at submission).
 *
 * @param status the last status the message reaches: delivered, sent, undelivered or failed
 * @param error the Twilio error for undelivered and failed; null otherwise
 */
public record Outcome(MessageStatus status, DeliveryError error) {

  public Outcome {
    Objects.requireNonNull(status, "status");
    switch (status) {
      case DELIVERED, SENT -> require(error == null, status.wire() + " carries no error code");
      case UNDELIVERED, FAILED -> require(error != null, status.wire() + " needs an error code");
      default -> throw new IllegalArgumentException(
          "an outcome is delivered, sent, undelivered or failed, not " + status.wire());
    }
  }

  public static Outcome delivered() {
    return new Outcome(MessageStatus.DELIVERED, null);
  }

  /** Accepted by the carrier, which then never reports delivery (as for most MMS routes). */
  public static Outcome sentWithoutReport() {
    return new Outcome(MessageStatus.SENT, null);
  }

  public static Outcome undelivered(DeliveryError error) {
    return new Outcome(MessageStatus.UNDELIVERED, error);
  }

  /** Rejected by the carrier when submitted. */
  public static Outcome failedAtSubmit(DeliveryError error) {
    return new Outcome(MessageStatus.FAILED, error);
  }

  /** Reads {@code delivered}, {@code sent}, {@code undelivered:30003} or {@code failed:30008}. */
  public static Outcome parse(String text) {
    String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":", -1);
    MessageStatus status = switch (parts[0]) {
      case "delivered" -> MessageStatus.DELIVERED;
      case "sent" -> MessageStatus.SENT;
      case "undelivered" -> MessageStatus.UNDELIVERED;
      case "failed" -> MessageStatus.FAILED;
      default -> throw new IllegalArgumentException("Unknown carrier outcome '" + text
          + "': expected delivered, sent, undelivered:<code> or failed:<code>");
    };
    if (parts.length > 2) {
      throw new IllegalArgumentException("Malformed carrier outcome '" + text + "'");
    }
    DeliveryError error = parts.length == 2 ? errorFor(parts[1], text) : null;
    return new Outcome(status, error);
  }

  /** The form {@link #parse} reads. */
  @Override
  public String toString() {
    return error == null ? status.wire() : status.wire() + ":" + error.code();
  }

  /** Whether the carrier answers a submission with a later delivery report. */
  public boolean reportsDelivery() {
    return status == MessageStatus.DELIVERED || status == MessageStatus.UNDELIVERED;
  }

  private static DeliveryError errorFor(String code, String text) {
    int number;
    try {
      number = Integer.parseInt(code.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Carrier outcome '" + text + "' has no numeric error code");
    }
    // The message of every code lives in DeliveryError; a code without a constant there has no text.
    return DeliveryError.ofCode(number)
        .orElseThrow(() -> new IllegalArgumentException(
            "Carrier outcome '" + text + "' names error " + number + ", which Tern does not know"));
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("Invalid carrier outcome: " + message);
    }
  }
}
