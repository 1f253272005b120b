package io.tern.carrier.smpp;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A delivery receipt as the SMSC gave it: the id of the submit it reports on, the state and the
 * error. TLVs ({@code receipted_message_id}, {@code message_state}) win over the text, which
 * follows the SMPP 3.4 Appendix B example: {@code id:... sub:... dlvrd:... submit date:...
 * done date:... stat:... err:... text:...}. Each field is read on its own, since SMSCs leave
 * some out or reorder them.
 *
 * @param err the {@code err:} number, or the error of the {@code network_error_code} TLV; null
 *     when there is none
 * @param doneDate the {@code done date}, or null when absent or unreadable
 */
public record Receipt(String messageId, ReceiptState state, Integer err, Instant doneDate) {
  private static final Pattern ID = Pattern.compile("(?i)\\bid:([0-9A-Za-z_-]+)");
  private static final Pattern STAT = Pattern.compile("(?i)\\bstat:([A-Za-z]+)");
  private static final Pattern ERR = Pattern.compile("(?i)\\berr:([0-9A-Za-z]+)");
  private static final Pattern DONE = Pattern.compile("(?i)\\bdone date:(\\d{10}(?:\\d{2})?)");
  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyMMddHHmm");
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyMMddHHmmss");

  /**
   * Reads a receipt; empty when it names no id or no state (it cannot be matched or judged).
   *
   * @param tlvMessageId the {@code receipted_message_id} TLV, or null
   * @param tlvState the {@code message_state} TLV, or null
   * @param tlvNetworkError the error part of {@code network_error_code}, or null
   */
  public static Optional<Receipt> parse(
      String text, String tlvMessageId, Integer tlvState, Integer tlvNetworkError) {
    String body = text == null ? "" : text;
    String id = blankToNull(tlvMessageId);
    if (id == null) {
      id = group(ID, body);
    }
    ReceiptState state = tlvState == null ? null : ReceiptState.ofTlv(tlvState);
    if (state == null) {
      String stat = group(STAT, body);
      state = stat == null ? null : ReceiptState.ofStat(stat);
    }
    if (id == null || state == null) {
      return Optional.empty();
    }
    Integer err = tlvNetworkError;
    String errText = group(ERR, body);
    if (err == null && errText != null) {
      try {
        err = Integer.parseInt(errText);
      } catch (NumberFormatException notDecimal) {
        err = null;
      }
    }
    return Optional.of(new Receipt(id, state, err, doneDate(group(DONE, body))));
  }

  private static Instant doneDate(String digits) {
    if (digits == null) {
      return null;
    }
    try {
      LocalDateTime time = LocalDateTime.parse(digits, digits.length() == 10 ? MINUTES : SECONDS);
      return time.toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException unreadable) {
      return null;
    }
  }

  private static String group(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    return matcher.find() ? matcher.group(1) : null;
  }

  private static String blankToNull(String s) {
    if (s == null) {
      return null;
    }
    String t = s.trim();
    return t.isEmpty() ? null : t;
  }
}
