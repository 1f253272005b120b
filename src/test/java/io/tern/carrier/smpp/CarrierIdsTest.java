package io.tern.carrier.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CarrierIdsTest {
  @Test
  void anIdReportedAsItWasGivenMatchesDespiteCaseAndPadding() {
    CarrierIds ids = new CarrierIds(10);
    ids.submitted("00AbC1");
    assertThat(ids.resolve("abc1")).isEqualTo("00AbC1");
  }

  @Test
  void aDecimalReceiptForAHexAnswerIsRecognisedAndTheConversionLearned() {
    CarrierIds ids = new CarrierIds(10);
    ids.submitted("1C4CB075");
    assertThat(ids.resolve("474787957")).isEqualTo("1C4CB075");
    // An id this pod never sent (another pod did) is converted the way it learned.
    assertThat(ids.resolve("474787958")).isEqualTo("1C4CB076");
  }

  @Test
  void aHexReceiptForADecimalAnswerIsRecognisedToo() {
    CarrierIds ids = new CarrierIds(10);
    ids.submitted("474787957");
    assertThat(ids.resolve("1c4cb075")).isEqualTo("474787957");
    assertThat(ids.resolve("1c4cb076")).isEqualTo("474787958");
  }

  @Test
  void withNothingLearnedAnUnknownIdIsPassedOnAsItIs() {
    CarrierIds ids = new CarrierIds(1);
    ids.submitted("a");
    ids.submitted("b");
    assertThat(ids.resolve("a")).isEqualTo("a");
    assertThat(ids.resolve("12345")).isEqualTo("12345");
  }
}
