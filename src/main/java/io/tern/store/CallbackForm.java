package io.tern.store;

import io.tern.message.Message;
import io.tern.message.MessageStatus;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The form parameters of a status callback (reference §7.1), built from the message as the
 * status change left it. The PostgreSQL store builds the same map in SQL (it writes the outbox
 * row in the statement that changes the status) from the decisions made here; the contract tests
 * hold both to the same result.
 */
public final class CallbackForm {
  public static final String API_VERSION = "2010-04-01";
  private static final DateTimeFormatter DLR_DONE_DATE =
      DateTimeFormatter.ofPattern("yyMMddHHmm").withZone(ZoneOffset.UTC);

  private CallbackForm() {}

  /** The parameters of the callback that reports {@code message}'s current status. */
  public static Map<String, String> of(Message message, Instant rawDlrDoneDate) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("MessageSid", message.sid());
    params.put("SmsSid", message.sid());
    params.put("MessageStatus", message.status().wire());
    params.put("SmsStatus", message.status().wire());
    params.put("AccountSid", message.accountSid());
    putIfPresent(params, "From", message.from());
    putIfPresent(params, "To", message.to());
    params.put("ApiVersion", API_VERSION);
    putIfPresent(params, "MessagingServiceSid", message.messagingServiceSid());
    if (carriesErrorCode(message.status()) && message.errorCode() != null) {
      params.put("ErrorCode", message.errorCode().toString());
    }
    putIfPresent(params, "RawDlrDoneDate", rawDlrDoneDate(message.status(), rawDlrDoneDate));
    return params;
  }

  /** ErrorCode is sent with failed and undelivered only. */
  public static boolean carriesErrorCode(MessageStatus status) {
    return status == MessageStatus.FAILED || status == MessageStatus.UNDELIVERED;
  }

  /**
   * RawDlrDoneDate as sent (YYMMDDhhmm, UTC) for a delivered or undelivered message whose
   * delivery report gave one; otherwise null, and the parameter is left out.
   */
  public static String rawDlrDoneDate(MessageStatus status, Instant doneDate) {
    boolean reportable = status == MessageStatus.DELIVERED || status == MessageStatus.UNDELIVERED;
    return reportable && doneDate != null ? DLR_DONE_DATE.format(doneDate) : null;
  }

  private static void putIfPresent(Map<String, String> params, String name, String value) {
    if (value != null) {
      params.put(name, value);
    }
  }
}
