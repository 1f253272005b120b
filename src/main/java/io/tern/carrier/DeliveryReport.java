package io.tern.carrier;

import io.tern.message.MessageStatus;
import io.tern.message.TwilioError;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * A carrier's final word on one message (or one part of a multi-part message) it accepted:
 * {@code delivered}, or {@code undelivered} with a Twilio error. It names the connection and
 * the carrier's id, as the carrier knows nothing of Tern's sid.
 *
 * @param connection the {@link CarrierConnector#name()} of the connection that took the message
 * @param carrierMessageId the id the carrier gave in its submit answer
 * @param errorCode null when delivered
 * @param errorMessage null when delivered
 * @param doneDate when the carrier finished with the message (its DLR "done date")
 */
public record DeliveryReport(
    String connection,
    String carrierMessageId,
    MessageStatus status,
    Integer errorCode,
    String errorMessage,
    Instant doneDate) {

  // Carriers report done dates to the minute, in UTC; Twilio passes them on as RawDlrDoneDate.
  private static final DateTimeFormatter RAW_DLR_DONE_DATE =
      DateTimeFormatter.ofPattern("yyMMddHHmm").withZone(ZoneOffset.UTC);

  public DeliveryReport {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(carrierMessageId, "carrierMessageId");
    Objects.requireNonNull(doneDate, "doneDate");
    switch (Objects.requireNonNull(status, "status")) {
      case DELIVERED -> {
        if (errorCode != null || errorMessage != null) {
          throw new IllegalArgumentException("a delivered message has no error");
        }
      }
      case UNDELIVERED -> {
        Objects.requireNonNull(errorCode, "an undelivered message has an error code");
        Objects.requireNonNull(errorMessage, "an undelivered message has an error message");
      }
      default -> throw new IllegalArgumentException(
          "a delivery report says delivered or undelivered, not " + status.wire());
    }
  }

  public static DeliveryReport delivered(String connection, String carrierMessageId, Instant doneDate) {
    return new DeliveryReport(connection, carrierMessageId, MessageStatus.DELIVERED, null, null, doneDate);
  }

  public static DeliveryReport undelivered(
      String connection, String carrierMessageId, TwilioError error, Instant doneDate) {
    return new DeliveryReport(connection, carrierMessageId, MessageStatus.UNDELIVERED,
        error.code(), error.with().getMessage(), doneDate);
  }

  /** The done date as status callbacks carry it in {@code RawDlrDoneDate}: {@code YYMMDDhhmm}, UTC. */
  public String rawDlrDoneDate() {
    return RAW_DLR_DONE_DATE.format(doneDate);
  }
}
