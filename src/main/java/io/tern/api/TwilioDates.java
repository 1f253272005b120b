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

  private TwilioDates() {}

  /** {@code Thu, 05 Aug 2023 05:01:45 +0000}, or null. */
  public static String rfc2822(Instant instant) {
    return instant == null ? null : RFC_2822.format(instant);
  }

  /** {@code 2023-08-05T05:01:45Z} (Messaging v1), or null. */
  public static String iso(Instant instant) {
    return instant == null ? null : ISO_SECONDS.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
