package io.tern.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.message.Media;
import io.tern.message.Message;
import io.tern.message.MessageFixture;
import io.tern.message.MessageStatus;
import io.tern.message.SendPlan;
import io.tern.message.text.Encoding;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackedMessageTest {
  private static final String ACCOUNT = "AC00000000000000000000000000000001";
  private static final String SID = "SM0123456789abcdef0123456789abcdef";
  private static final Instant CREATED = Instant.parse("2026-12-08T01:02:03.123456Z");

  private static Message.Builder delivered() {
    return MessageFixture.queued(SID, ACCOUNT, "+14155550100", CREATED)
        .status(MessageStatus.DELIVERED)
        .dateUpdated(CREATED.plusSeconds(5))
        .dateSent(CREATED.plusMillis(1_500));
  }

  @Test
  void aMessageWithEveryFieldSetComesBackEqual() {
    Media picture = new Media("ME0123456789abcdef0123456789abcdef", ACCOUNT, SID,
        "https://media.example.com/ünïcödé.png", "image/png", CREATED);
    Message message = delivered()
        .messagingServiceSid("MG0123456789abcdef0123456789abcdef")
        .body("Grüße, 你好 \uD83D\uDE00 — a body past one byte per character")
        .status(MessageStatus.UNDELIVERED)
        .numSegments(2)
        .encoding("UCS-2")
        .media(List.of(picture))
        .errorCode(30_008)
        .errorMessage("Unknown error")
        .price("-0.00750")
        .priceUnit("USD")
        .statusCallback("https://hooks.example.com/status?x=1")
        .validityPeriod(14_400)
        .sendAt(CREATED.plusSeconds(900))
        // An MMS converted to SMS: the plan's text carries the link, the body does not.
        .sendPlan(new SendPlan("Grüße\n" + picture.url(), Encoding.UCS2, 2, false))
        .build();

    assertThat(PackedMessage.of(message).unpack()).isEqualTo(message);
  }

  @Test
  void nullsAndAnMmsPlanComeBackEqual() {
    Message message = delivered()
        .from(null)
        .body(null)
        .encoding(null)
        .priceUnit(null)
        .dateSent(null)
        .sendPlan(new SendPlan("", null, 1, true))
        .build();

    assertThat(PackedMessage.of(message).unpack()).isEqualTo(message);
  }

  @Test
  void timesBeforeTheEpochComeBackEqual() {
    Instant early = Instant.parse("1969-12-31T23:59:59.999999Z");
    Message message = delivered().dateCreated(early).dateUpdated(early).dateSent(early).build();

    assertThat(PackedMessage.of(message).unpack()).isEqualTo(message);
  }

  @Test
  void theFieldsTheIndexesReadAreReadWithoutUnpacking() {
    PackedMessage packed = PackedMessage.of(delivered().numSegments(300).build());

    assertThat(packed.sid()).isEqualTo(SID);
    assertThat(packed.accountSid()).isEqualTo(ACCOUNT);
    assertThat(packed.to()).isEqualTo(MessageFixture.TO);
    assertThat(packed.from()).isEqualTo("+14155550100");
    assertThat(packed.status()).isEqualTo(MessageStatus.DELIVERED);
    // Past one byte of the varint.
    assertThat(packed.numSegments()).isEqualTo(300);
    assertThat(packed.dateSent()).isEqualTo(CREATED.plusMillis(1_500));
    assertThat(packed.createdMicros()).isEqualTo(CREATED.getEpochSecond() * 1_000_000 + 123_456);
  }

  @Test
  void valuesPackedByTheirPlaceComeBackWhateverFieldHoldsThem() {
    Message message = delivered()
        .body("USD")
        .direction("inbound")
        .encoding("GSM-7")
        .errorMessage("outbound-api")
        .sendPlan(new SendPlan("USD", Encoding.GSM7, 1, false))
        .build();

    assertThat(PackedMessage.of(message).unpack()).isEqualTo(message);
  }

  @Test
  void anyErrorCodeComesBackEqual() {
    for (int errorCode : new int[] {0, 1, -1, 30_008, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
      Message message = delivered().errorCode(errorCode).build();

      assertThat(PackedMessage.of(message).unpack().errorCode()).isEqualTo(errorCode);
    }
  }

  @Test
  void everyStatusComesBackAsPacked() {
    for (MessageStatus status : MessageStatus.values()) {
      Message message = delivered().status(status).build();

      assertThat(PackedMessage.of(message).status()).isEqualTo(status);
      assertThat(PackedMessage.of(message).unpack()).isEqualTo(message);
    }
  }
}
