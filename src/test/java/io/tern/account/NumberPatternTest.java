package io.tern.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumberPatternTest {

  @ParameterizedTest(name = "{0} against {1} → {2}")
  @CsvSource({
      "+14155550100, +14155550100, true",
      "555, +14155550100, true",
      "+1415, +14155550100, true",
      "+1415, +447700900415, false",
      "415555****, +14155550100, true",
      "415555****, +14165550100, false",
      "(415) 555-01**, +14155550100, true",
      "0*0, +14155550100, true",
      "9*9, +14155550100, false",
      "44*02, 44002, true",
      "44*02, 44012, false",
  })
  void matchesPartialNumbersWithAStarForAnyDigit(String filter, String value, boolean matches) {
    assertThat(NumberPattern.of(filter).test(value)).isEqualTo(matches);
  }
}
