package io.tern.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageTest {
  private static final String ACCOUNT = "AC00000000000000000000000000000001";

  private static Message from(String from) {
    Instant now = Instant.parse("2024-05-01T12:00:00Z");
    return MessageFixture.queued("SM00000000000000000000000000000001", ACCOUNT, from, now).build();
  }

  @Test
  void numbersAndShortCodesAreTheirOwnSenderKeyWhateverTheAccount() {
    assertThat(from("+14155550100").senderKey()).isEqualTo("+14155550100");
    assertThat(from("12345").senderKey()).isEqualTo("12345");
  }

  @Test
  void alphanumericIdsQueuePerAccount() {
    assertThat(from("TERN").senderKey()).isEqualTo(ACCOUNT + ":TERN");
    assertThat(from("Shop24").senderKey()).isEqualTo(ACCOUNT + ":Shop24");
  }

  @Test
  void onlyDigitsWithAtMostALeadingPlusAreANumber() {
    // The same rule as the migration's backfill, '^\+?[0-9]+$'.
    assertThat(from("+").senderKey()).isEqualTo(ACCOUNT + ":+");
    assertThat(from("").senderKey()).isEqualTo(ACCOUNT + ":");
    assertThat(from("++1415").senderKey()).isEqualTo(ACCOUNT + ":++1415");
    assertThat(from("1415+").senderKey()).isEqualTo(ACCOUNT + ":1415+");
    assertThat(from("+1 415").senderKey()).isEqualTo(ACCOUNT + ":+1 415");
    assertThat(from("0").senderKey()).isEqualTo("0");
  }

  @Test
  void messageWithoutSenderHasNoSenderKey() {
    assertThat(from(null).senderKey()).isNull();
  }
}
