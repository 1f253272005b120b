package io.tern.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the date filters of list requests in every form Twilio's SDKs and docs use: a day
 * ({@code 2024-01-01}), a UTC date-time without zone (Java SDK), with {@code Z} or an offset
 * (Python SDK), with a space and milliseconds, US style with a zone name, or RFC 2822.
 */
public final class DateFilter {
  /** A moment, and whether only its day was given (then filters cover the whole day). */
  public record Value(Instant instant, boolean dayOnly) {
    public Instant startOfDay() {
      return instant.truncatedTo(ChronoUnit.DAYS);
    }

    public Instant startOfNextDay() {
      return startOfDay().plus(1, ChronoUnit.DAYS);
    }
  }

  private static final List<DateTimeFormatter> ZONED = List.of(
      DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss z", Locale.ENGLISH),
      DateTimeFormatter.RFC_1123_DATE_TIME,
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH));
  private static final List<DateTimeFormatter> LOCAL = List.of(
      DateTimeFormatter.ISO_LOCAL_DATE_TIME,
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]", Locale.ROOT));

  private DateFilter() {}

  public static Optional<Value> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String trimmed = text.trim();
    try {
      return Optional.of(new Value(LocalDate.parse(trimmed).atStartOfDay(ZoneOffset.UTC).toInstant(), true));
    } catch (DateTimeParseException notADay) {
      // try the next form
    }
    try {
      return Optional.of(new Value(OffsetDateTime.parse(trimmed).toInstant(), false));
    } catch (DateTimeParseException notOffset) {
      // try the next form
    }
    for (DateTimeFormatter format : LOCAL) {
      try {
        return Optional.of(new Value(LocalDateTime.parse(trimmed, format).toInstant(ZoneOffset.UTC), false));
      } catch (DateTimeParseException notThisOne) {
        // try the next form
      }
    }
    for (DateTimeFormatter format : ZONED) {
      try {
        return Optional.of(new Value(ZonedDateTime.parse(trimmed, format).toInstant(), false));
      } catch (DateTimeParseException notThisOne) {
        // try the next form
      }
    }
    return Optional.empty();
  }
}
