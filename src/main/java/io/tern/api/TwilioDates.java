package io.tern.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Dates as Twilio writes them. The 2010 API uses RFC 2822 with a two-digit day and
 * {@code +0000}: Twilio's Java SDK silently reads anything else (a one-digit day, "GMT") as null.
 */
public final class TwilioDates {
  private static final DateTimeFormatter RFC_2822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss '+0000'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ISO_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /**
   * The second formatted last: a message's dates, and those of the messages made with it,
   * mostly fall in the same second, and formatting one takes longer than encoding the rest
   * of a message. Replaced whole, so threads never see a second paired with another's text.
   */
  private static volatile Formatted lastRfc2822 = new Formatted(Long.MIN_VALUE, null);

  private record Formatted(long epochSecond, String text) {}

  private TwilioDates() {}

  /** {@code Thu, 05 Aug 2023 05:01:45 +0000}, or null. */
  public static String rfc2822(Instant instant) {
    if (instant == null) {
      return null;
    }
    Formatted last = lastRfc2822;
    if (last.epochSecond() == instant.getEpochSecond()) {
      return last.text();
    }
    String text = RFC_2822.format(instant);
    lastRfc2822 = new Formatted(instant.getEpochSecond(), text);
    return text;
  }

  /** {@code 2023-08-05T05:01:45Z} (Messaging v1), or null. */
  public static String iso(Instant instant) {
    return instant == null ? null : ISO_SECONDS.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
