package io.tern.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.metrics.TernMetrics;
import org.junit.jupiter.api.Test;

/** Each attempt's result names one of the few outcomes the callback meters are tagged with. */
class CallbackMetricsTest {

  @Test
  void everyKindOfResultMapsToAKnownOutcome() {
    assertThat(CallbackSenderVerticle.meteredOutcome(new PostResult.Answered(204))).isEqualTo("delivered");
    assertThat(CallbackSenderVerticle.meteredOutcome(new PostResult.Answered(500))).isEqualTo("rejected");
    assertThat(CallbackSenderVerticle.meteredOutcome(
        new PostResult.NoAnswer(PostResult.Stage.CONNECT, "refused"))).isEqualTo("error");
    assertThat(CallbackSenderVerticle.meteredOutcome(new PostResult.Refused("private address")))
        .isEqualTo("refused");
    assertThat(TernMetrics.CALLBACK_OUTCOMES).contains("delivered", "rejected", "error", "refused");
  }
}
