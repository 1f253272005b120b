package io.tern.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.message.Media;
import io.tern.message.Message;
import io.tern.message.MessageFixture;
import io.tern.message.SendPlan;
import io.tern.message.text.Encoding;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboundSmsTest {
  private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");
  private static final String PICTURE = "https://media.example.com/pic.png";

  @Test
  void anMmsSentAsSmsReachesTheCarrierAsTextWithItsLinksAndNoMedia() {
    Message converted = withPicture(SendPlan.of("b".repeat(150), List.of(PICTURE), false));

    OutboundSms sms = OutboundSms.of(converted);

    assertThat(sms.isMms()).isFalse();
    assertThat(sms.mediaUrls()).isEmpty();
    assertThat(sms.text()).isEqualTo("b".repeat(150) + "\n" + PICTURE);
    assertThat(sms.encoding()).isEqualTo(Encoding.GSM7);
    assertThat(sms.segments()).isEqualTo(2);
  }

  @Test
  void anMmsReachesTheCarrierWithItsMedia() {
    Message mms = withPicture(SendPlan.of("Look", List.of(PICTURE), true));

    OutboundSms sms = OutboundSms.of(mms);

    assertThat(sms.isMms()).isTrue();
    assertThat(sms.mediaUrls()).containsExactly(PICTURE);
    assertThat(sms.text()).isEqualTo("Look");
    assertThat(sms.encoding()).isNull();
    assertThat(sms.segments()).isEqualTo(1);
  }

  private static Message withPicture(SendPlan plan) {
    return MessageFixture.queued("MM1", "AC1", "+447700900100", AT)
        .body(plan.mms() ? plan.text() : plan.text().substring(0, plan.text().indexOf('\n')))
        .media(List.of(new Media("ME1", "AC1", "MM1", PICTURE, "image/png", AT)))
        .sendPlan(plan)
        .build();
  }
}
