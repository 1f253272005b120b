package io.tern.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tern.message.TwilioError;
import io.tern.message.MessageStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The two answers a carrier gives: the submit result and the delivery report. */
class CarrierAnswersTest {
  private static final Instant DONE = Instant.parse("2024-12-31T23:59:58Z");

  @Test
  void aSentResultCarriesTheCarriersIdAndNoError() {
    SubmitResult sent = SubmitResult.sent("carrier-42");

    assertThat(sent.accepted()).isTrue();
    assertThat(sent.status()).isEqualTo(MessageStatus.SENT);
    assertThat(sent.carrierMessageId()).isEqualTo("carrier-42");
    assertThat(sent.errorCode()).isNull();
  }

  @Test
  void aFailedResultTakesItsMessageFromTheErrorEnum() {
    assertThat(SubmitResult.failed(TwilioError.MESSAGE_FILTERED))
        .isEqualTo(SubmitResult.failed(30007, "Message filtered"));
    assertThatThrownBy(() -> new SubmitResult(true, java.util.List.of("id"), 30007, "Message filtered"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anUndeliveredReportCarriesCodeAndMessage() {
    DeliveryReport report = DeliveryReport.undelivered("simulated", "c1", TwilioError.UNKNOWN_HANDSET, DONE);

    assertThat(report.status()).isEqualTo(MessageStatus.UNDELIVERED);
    assertThat(report.errorCode()).isEqualTo(30005);
    assertThat(report.errorMessage()).isEqualTo("Unknown destination handset");
  }

  @Test
  void theDoneDateRendersAsRawDlrDoneDateInUtcToTheMinute() {
    assertThat(DeliveryReport.delivered("simulated", "c1", DONE).rawDlrDoneDate()).isEqualTo("2412312359");
  }

  @Test
  void aReportIsDeliveredOrUndeliveredAndNothingElse() {
    assertThatThrownBy(() -> new DeliveryReport("simulated", "c1", MessageStatus.SENT, null, null, DONE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DeliveryReport("simulated", "c1", MessageStatus.UNDELIVERED, null, null, DONE))
        .isInstanceOf(NullPointerException.class);
  }
}
