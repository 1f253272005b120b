package io.tern.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tern.message.DeliveryError;
import io.tern.message.MessageStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutcomeTest {

  @Test
  void readsEveryFormConfigurationUses() {
    assertThat(Outcome.parse("delivered")).isEqualTo(Outcome.delivered());
    assertThat(Outcome.parse("sent")).isEqualTo(Outcome.sentWithoutReport());
    assertThat(Outcome.parse("undelivered:30003"))
        .isEqualTo(Outcome.undelivered(DeliveryError.UNREACHABLE_HANDSET));
    assertThat(Outcome.parse(" Failed:30008 "))
        .isEqualTo(Outcome.failedAtSubmit(DeliveryError.UNKNOWN_ERROR));
  }

  @Test
  void writesTheFormItReads() {
    Outcome outcome = Outcome.undelivered(DeliveryError.LANDLINE_OR_UNREACHABLE_CARRIER);

    assertThat(outcome.toString()).isEqualTo("undelivered:30006");
    assertThat(Outcome.parse(outcome.toString())).isEqualTo(outcome);
  }

  @Test
  void onlyDeliveredAndUndeliveredAreReported() {
    assertThat(Outcome.delivered().reportsDelivery()).isTrue();
    assertThat(Outcome.undelivered(DeliveryError.MESSAGE_BLOCKED).reportsDelivery()).isTrue();
    assertThat(Outcome.sentWithoutReport().reportsDelivery()).isFalse();
    assertThat(Outcome.failedAtSubmit(DeliveryError.UNKNOWN_ERROR).reportsDelivery()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "bounced", "undelivered", "failed", "delivered:30003", "sent:30003",
      "undelivered:abc", "undelivered:39999", "undelivered:30003:1", ""})
  void refusesWhatItCannotMeanExactly(String text) {
    assertThatThrownBy(() -> Outcome.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aQueuedMessageIsNoCarrierOutcome() {
    assertThatThrownBy(() -> new Outcome(MessageStatus.QUEUED, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
