package io.tern.message;

/**
 * Every Twilio error code Tern answers an HTTP request with: the code, its HTTP status and a
 * message template ({@link String#format} arguments). Reference §5.2. Codes a message gets after
 * it was accepted (300xx delivery failures) are {@link DeliveryError}, which has no HTTP status.
 */
public enum TwilioError {
  BAD_REQUEST(20001, 400, "%s"),
  AUTHENTICATION_FAILED(20003, 401, "Authenticate"),
  CANNOT_DELETE_UNFINISHED(20009, 409,
      "Cannot delete message %s because it has not reached a final state"),
  FORBIDDEN(20403, 403, "%s"),
  NOT_FOUND(20404, 404, "The requested resource %s was not found"),
  METHOD_NOT_ALLOWED(20004, 405, "Method not allowed"),
  REQUEST_TOO_LARGE(20413, 413, "The request body is larger than %d bytes"),
  URI_TOO_LONG(20414, 414, "The request line is too long"),
  EXPECTATION_FAILED(20417, 417, "Expect: %s is not supported; only 100-continue is"),
  HEADERS_TOO_LARGE(20431, 431, "The request headers are too large"),
  INTERNAL(20500, 500, "Internal server error"),
  UNAVAILABLE(20503, 503, "Service unavailable"),

  INVALID_TO(21211, 400, "The 'To' number %s is not a valid phone number."),
  INVALID_FROM(21212, 400, "The 'From' number %s is not a valid phone number, shortcode, or alphanumeric sender ID."),
  TO_NOT_VERIFIED(21219, 400,
      "The number %s is unverified. Trial accounts cannot send messages to unverified numbers; verify %s, or purchase a Twilio number to send messages to unverified numbers."),
  TO_EQUALS_FROM(21266, 400, "'To' and 'From' number cannot be the same: %s"),
  ALPHA_SENDER_ON_TRIAL(21267, 400,
      "Alphanumeric Sender ID %s cannot be used by trial accounts."),
  INVALID_PHONE_NUMBER(21401, 400, "%s is not a valid phone number."),
  INVALID_SENDER_SID(21421, 400, "%s is not a valid PhoneNumberSid or ShortCodeSid."),
  NUMBER_UNAVAILABLE(21422, 400, "%s is not available: it is already registered."),
  CALLER_ID_ALREADY_VERIFIED(21450, 400, "Phone number %s is already verified for your account."),
  OPTED_OUT(21610, 400,
      "Attempt to send to unsubscribed recipient: the 'To' number %s replied with STOP to this sender."),
  MISSING_BODY(21602, 400, "Message body is required."),
  BODY_UNPRINTABLE(21602, 400,
      "Message body contains a NUL character (U+0000), which cannot be sent; remove it."),
  MISSING_FROM(21603, 400, "A 'From' or 'MessagingServiceSid' parameter is required to send a message."),
  MISSING_TO(21604, 400, "A 'To' phone number is required."),
  FROM_NOT_OWNED(21606, 400,
      "The From phone number %s is not a valid, SMS-capable inbound phone number or short code for your account."),
  INVALID_STATUS_CALLBACK(21609, 400, "The StatusCallback URL %s is not a valid URL."),
  STATUS_CALLBACK_REFUSED(21609, 400,
      "The StatusCallback URL %s is not a valid URL: Tern does not post to it, since %s."),
  CANNOT_ROUTE(21612, 400, "The 'To' phone number: %s, is not currently reachable using the 'From' phone number: %s via SMS."),
  SHORT_CODE_COUNTRY(21659, 400,
      "The short code %s cannot send to %s: short codes only reach their own country."),
  BODY_TOO_LONG(21617, 400, "The concatenated message body exceeds the 1600 character limit."),
  INVALID_MEDIA_URL(21620, 400, "Invalid media URL(s): %s"),
  TOO_MANY_MEDIA(21623, 400, "The number of media URLs exceeds the limit of 10."),
  SERVICE_NOT_FOUND(21701, 400, "The Messaging Service Sid %s is invalid."),
  SERVICE_SID_INVALID(21705, 400, "The Messaging Service Sid %s is invalid."),
  INVALID_ALPHA_SENDER(21709, 400,
      "The Alpha Sender ID %s is invalid: use 1 to 11 characters from A-Z, a-z, 0-9, space, +, -, & and _, with at least one letter."),
  SERVICE_HAS_ALPHA_SENDER(21709, 400,
      "Messaging Service %s already has the Alpha Sender ID %s; remove it before adding another."),
  NO_SENDER_IN_POOL(21704, 400, "The Messaging Service has no sender that can reach %s."),
  SENDER_IN_OTHER_SERVICE(21712, 400, "The sender %s is already in another Messaging Service."),
  SERVICE_POOL_FULL(21714, 400, "The Messaging Service %s already has the maximum number of senders."),

  MEDIA_UNREACHABLE(11200, 400, "HTTP retrieval failure for media URL %s: %s"),
  MEDIA_TOO_LARGE(11751, 400, "Media at %s exceeds the size limit of %d bytes."),
  MEDIA_CONTENT_TYPE(12300, 400, "Invalid Content-Type for media URL %s: %s"),

  UPDATE_INVALID(30400, 400, "%s"),
  CANCEL_NOT_SCHEDULED(30409, 400, "Message %s cannot be canceled: it is no longer scheduled."),

  SEND_AT_MISSING(35111, 400, "SendAt is required when ScheduleType is fixed."),
  SEND_AT_TOO_SOON(35114, 400, "SendAt must be at least %d seconds in the future."),
  SEND_AT_TOO_LATE(35115, 400, "SendAt cannot be more than 35 days in the future."),
  SCHEDULE_NEEDS_SERVICE(35118, 400, "A MessagingServiceSid is required to schedule a message."),
  SCHEDULE_TYPE_INVALID(35126, 400, "ScheduleType must be 'fixed'.");

  private final int code;
  private final int httpStatus;
  private final String template;

  TwilioError(int code, int httpStatus, String template) {
    this.code = code;
    this.httpStatus = httpStatus;
    this.template = template;
  }

  public int code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The error with its message filled in, ready to answer or to throw. */
  public ApiError with(Object... args) {
    return new ApiError(this, String.format(template, args));
  }

  public String moreInfo() {
    return "https://www.twilio.com/docs/errors/" + code;
  }
}
