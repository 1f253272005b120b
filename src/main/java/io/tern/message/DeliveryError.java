package io.tern.message;

/**
 * The error codes a message gets after it was accepted: it ends {@code failed} or
 * {@code undelivered} with one of these as its {@code error_code}, in the API and in status
 * callbacks. They are never an HTTP answer, so they have no HTTP status and cannot make an
 * {@link ApiError}; synchronous codes are {@link TwilioError}. Reference §5.2.
 */
public enum DeliveryError {
  QUEUE_OVERFLOW(30001, "Queue overflow"),
  ACCOUNT_SUSPENDED_QUEUED(30002, "Account suspended"),
  UNREACHABLE_HANDSET(30003, "Unreachable destination handset"),
  MESSAGE_BLOCKED(30004, "Message blocked"),
  UNKNOWN_HANDSET(30005, "Unknown destination handset"),
  LANDLINE_OR_UNREACHABLE_CARRIER(30006, "Landline or unreachable carrier"),
  MESSAGE_FILTERED(30007, "Message filtered"),
  UNKNOWN_ERROR(30008, "Unknown error"),
  MISSING_INBOUND_SEGMENT(30009, "Missing inbound segment"),
  VALIDITY_EXPIRED(30036, "Validity period expired");

  private final int code;
  private final String message;

  DeliveryError(int code, String message) {
    this.code = code;
    this.message = message;
  }

  public int code() {
    return code;
  }

  /** The text stored as the message's {@code error_message}. */
  public String message() {
    return message;
  }

  /** The error with this code, if Tern knows it. */
  public static java.util.Optional<DeliveryError> ofCode(int code) {
    for (DeliveryError error : values()) {
      if (error.code == code) {
        return java.util.Optional.of(error);
      }
    }
    return java.util.Optional.empty();
  }
}
