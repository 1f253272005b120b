package io.tern.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumberDescriptionTest {

  @Test
  void northAmericanNumbersAreNamedAsTwilioWritesThem() {
    assertThat(NumberDescription.friendlyName("+18089255327")).isEqualTo("(808) 925-5327");
  }

  @Test
  void otherNumbersAreNamedInInternationalForm() {
    assertThat(NumberDescription.friendlyName("+447700900123")).isEqualTo("+44 7700 900123");
  }

  @Test
  void typesFollowTheNumberingPlan() {
    assertThat(NumberDescription.type("+18005550100")).isEqualTo("toll-free");
    assertThat(NumberDescription.type("+447911123456")).isEqualTo("mobile");
    assertThat(NumberDescription.type("+14155550100")).isEqualTo("local");
  }
}
