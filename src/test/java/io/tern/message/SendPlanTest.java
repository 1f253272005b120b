package io.tern.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tern.message.text.Encoding;
import io.tern.message.text.OutgoingText;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendPlanTest {
  private static final String PICTURE = "https://media.example.com/pic.png";

  @Test
  void mediaSentAsSmsAreLinkedAfterTheBodyAndCounted() {
    SendPlan plan = SendPlan.of("b".repeat(150), List.of(PICTURE), false);

    assertThat(plan).isEqualTo(new SendPlan("b".repeat(150) + "\n" + PICTURE, Encoding.GSM7, 2, false));
  }

  @Test
  void anMmsCarriesTheBodyAloneAsOneSegmentWithoutEncoding() {
    assertThat(SendPlan.of("b".repeat(300), List.of(PICTURE), true))
        .isEqualTo(new SendPlan("b".repeat(300), null, 1, true));
  }

  @Test
  void anSmsIsCountedOnItsText() {
    assertThat(SendPlan.of("Привет", List.of(), false))
        .isEqualTo(new SendPlan("Привет", Encoding.UCS2, 1, false));
    assertThat(SendPlan.of(null, List.of(), false))
        .isEqualTo(new SendPlan("", Encoding.GSM7, 1, false));
  }

  @Test
  void theTrialPrefixAndSmartEncodingAreInTheTextAndItsCount() {
    String body = OutgoingText.body("“Hi” " + "x".repeat(120), true, true);

    SendPlan plan = SendPlan.of(body, List.of(), false);

    assertThat(plan.text()).isEqualTo(OutgoingText.TRIAL_PREFIX + "\"Hi\" " + "x".repeat(120));
    assertThat(plan.encoding()).isEqualTo(Encoding.GSM7);
    assertThat(plan.segments()).isEqualTo(2);
  }

  @Test
  void aStoredPlanRebuildsTheTextItWasMadeWith() {
    SendPlan made = SendPlan.of("Look", List.of(PICTURE, PICTURE + "?2"), false);

    assertThat(SendPlan.stored("Look", List.of(PICTURE, PICTURE + "?2"), false, made.encoding(),
        made.segments())).isEqualTo(made);
  }

  @Test
  void anSmsWithoutEncodingOrAnMmsWithOneIsNoPlan() {
    assertThatThrownBy(() -> new SendPlan("x", null, 1, false)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SendPlan("x", Encoding.GSM7, 1, true)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SendPlan("x", Encoding.GSM7, 0, false)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void redactingAMessageEmptiesItsPlannedTextToo() {
    Instant at = Instant.parse("2026-12-06T10:00:00Z");
    Media picture = new Media("ME1", "AC1", "SM1", PICTURE, "image/png", at);
    Message message = MessageFixture.queued("SM1", "AC1", "+447700900100", at)
        .body("A secret")
        .media(List.of(picture))
        .sendPlan(SendPlan.of("A secret", List.of(PICTURE), false))
        .build();

    Message redacted = message.withBody("", at);

    assertThat(redacted.sendPlan().text()).isEqualTo("\n" + PICTURE).doesNotContain("secret");
    assertThat(redacted.sendPlan().segments()).isEqualTo(message.sendPlan().segments());
  }
}
