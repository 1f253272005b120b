package io.tern.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateFilterTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "2024-01-02|2024-01-02",                           // a bare day
      "2024-01-02T00:00:00|2024-01-02",                  // Java SDK: UTC, no zone
      "2024-01-02T23:59:59Z|2024-01-02",                 // Python and Node SDKs
      "2024-01-02T01:04:05+02:00|2024-01-01",            // an offset moves the moment to GMT first
      "2024-01-02T23:04:05-05:00|2024-01-03",
      "2024-01-02 03:04:05.000|2024-01-02",
      "01/02/2024 03:04:05 UTC|2024-01-02",
      "Tue, 02 Jan 2024 03:04:05 +0000|2024-01-02"})
  void everyFormTheSdksAndDocsUseMeansItsGmtDay(String text, String day) {
    assertThat(DateFilter.gmtDay(text)).contains(LocalDate.parse(day));
  }

  @ParameterizedTest
  @ValueSource(strings = {"yesterday", "2024-13-01", "2024/01/02", " "})
  void somethingElseIsNotADate(String text) {
    assertThat(DateFilter.gmtDay(text)).isEmpty();
  }
}
