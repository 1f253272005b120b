package io.tern.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TwilioDatesTest {

  @Test
  void writesRfc2822WithATwoDigitDayAndPlusZeroZero() {
    // Twilio's Java SDK reads "5 Aug" or "GMT" as null, so this exact form matters.
    assertThat(TwilioDates.rfc2822(Instant.parse("2023-08-05T05:01:45.123456Z")))
        .isEqualTo("Sat, 05 Aug 2023 05:01:45 +0000");
  }

  @Test
  void eachInstantGetsItsOwnSecondWhateverWasFormattedBefore() {
    // The last second formatted is kept: going back and forth must never return another's.
    assertThat(TwilioDates.rfc2822(Instant.parse("2023-08-05T05:01:45.100Z")))
        .isEqualTo("Sat, 05 Aug 2023 05:01:45 +0000");
    assertThat(TwilioDates.rfc2822(Instant.parse("2023-08-05T05:01:45.900Z")))
        .isEqualTo("Sat, 05 Aug 2023 05:01:45 +0000");
    assertThat(TwilioDates.rfc2822(Instant.parse("2023-08-05T05:01:46Z")))
        .isEqualTo("Sat, 05 Aug 2023 05:01:46 +0000");
    assertThat(TwilioDates.rfc2822(Instant.parse("2023-08-05T05:01:45.500Z")))
        .isEqualTo("Sat, 05 Aug 2023 05:01:45 +0000");
    assertThat(TwilioDates.rfc2822(Instant.parse("1970-01-01T00:00:00Z")))
        .isEqualTo("Thu, 01 Jan 1970 00:00:00 +0000");
  }

  @Test
  void writesIsoSecondsForMessagingV1() {
    assertThat(TwilioDates.iso(Instant.parse("2015-07-30T20:12:31.999Z")))
        .isEqualTo("2015-07-30T20:12:31Z");
  }

  @Test
  void nullStaysNull() {
    assertThat(TwilioDates.rfc2822(null)).isNull();
    assertThat(TwilioDates.iso(null)).isNull();
  }
}
