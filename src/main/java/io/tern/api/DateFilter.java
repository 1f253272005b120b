package io.tern.api;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the date filters of list requests in every form Twilio's SDKs and docs use: a day
 * ({@code 2024-01-01}), a UTC date-time without zone (Java SDK), with {@code Z} or an offset
 * (Python, Node), with a space and milliseconds, US style with a zone name, or RFC 2822.
 *
 * <p>Twilio filters by the GMT day whatever form the value takes: {@code DateSent=2026-12-06T00:00:00Z}
 * means every message sent on 6 December (GMT), not the ones sent at that microsecond, and
 * {@code DateSent<}/{@code DateSent>} compare days too. So every form is read down to its GMT day.
 */
public final class DateFilter {
  private static final List<DateTimeFormatter> ZONED = List.of(
      DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss z", Locale.ENGLISH),
      DateTimeFormatter.RFC_1123_DATE_TIME,
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH));
  private static final List<DateTimeFormatter> LOCAL = List.of(
      DateTimeFormatter.ISO_LOCAL_DATE_TIME,
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]", Locale.ROOT));

  private DateFilter() {}

  /** The GMT day a filter value names, or empty when it is no date in any known form. */
  public static Optional<LocalDate> gmtDay(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String trimmed = text.trim();
    try {
      return Optional.of(LocalDate.parse(trimmed));
    } catch (DateTimeParseException notADay) {
      // try the next form
    }
    try {
      return Optional.of(inGmt(OffsetDateTime.parse(trimmed).toZonedDateTime()));
    } catch (DateTimeParseException notOffset) {
      // try the next form
    }
    for (DateTimeFormatter format : LOCAL) {
      try {
        return Optional.of(LocalDateTime.parse(trimmed, format).toLocalDate());
      } catch (DateTimeParseException notThisOne) {
        // try the next form
      }
    }
    for (DateTimeFormatter format : ZONED) {
      try {
        return Optional.of(inGmt(ZonedDateTime.parse(trimmed, format)));
      } catch (DateTimeParseException notThisOne) {
        // try the next form
      }
    }
    return Optional.empty();
  }

  private static LocalDate inGmt(ZonedDateTime moment) {
    return moment.withZoneSameInstant(ZoneOffset.UTC).toLocalDate();
  }
}
