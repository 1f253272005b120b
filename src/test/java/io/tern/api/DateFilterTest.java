package io.tern.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateFilterTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "2024-01-02T03:04:05|2024-01-02T03:04:05Z",        // Java SDK: UTC, no zone
      "2024-01-02T03:04:05Z|2024-01-02T03:04:05Z",       // Python SDK
      "2024-01-02T05:04:05+02:00|2024-01-02T03:04:05Z",
      "2024-01-02 03:04:05.000|2024-01-02T03:04:05Z",
      "01/02/2024 03:04:05 UTC|2024-01-02T03:04:05Z",
      "Tue, 02 Jan 2024 03:04:05 +0000|2024-01-02T03:04:05Z"})
  void readsEveryFormTheSdksAndDocsUse(String text, String expected) {
    DateFilter.Value value = DateFilter.parse(text).orElseThrow();
    assertThat(value.instant()).isEqualTo(Instant.parse(expected));
    assertThat(value.dayOnly()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2024-01-02"})
  void aBareDayCoversTheWholeGmtDay(String text) {
    DateFilter.Value value = DateFilter.parse(text).orElseThrow();
    assertThat(value.dayOnly()).isTrue();
    assertThat(value.startOfDay()).isEqualTo(Instant.parse("2024-01-02T00:00:00Z"));
    assertThat(value.startOfNextDay()).isEqualTo(Instant.parse("2024-01-03T00:00:00Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"yesterday", "2024-13-01", "2024/01/02"})
  void somethingElseIsNotADate(String text) {
    assertThat(DateFilter.parse(text)).isEmpty();
  }
}
