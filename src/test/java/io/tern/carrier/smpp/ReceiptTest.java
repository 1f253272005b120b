package io.tern.carrier.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReceiptTest {
  @Test
  void theAppendixBTextGivesIdStateErrAndDoneDate() {
    Receipt receipt = Receipt.parse("id:0123456789 sub:001 dlvrd:000 submit date:2612061200 "
        + "done date:2612061201 stat:UNDELIV err:006 text:Hello", null, null, null).orElseThrow();
    assertThat(receipt).isEqualTo(new Receipt("0123456789", ReceiptState.UNDELIVERABLE, 6,
        Instant.parse("2026-12-06T12:01:00Z")));
  }

  @Test
  void tlvsWinOverTheTextAndTwelveDigitDatesAndCapitalTextAreRead() {
    Receipt receipt = Receipt.parse("id:999 stat:UNDELIV done date:261206120159 Text:x", "abc", 2, null).orElseThrow();
    assertThat(receipt.messageId()).isEqualTo("abc");
    assertThat(receipt.state()).isEqualTo(ReceiptState.DELIVERED);
    assertThat(receipt.doneDate()).isEqualTo(Instant.parse("2026-12-06T12:01:59Z"));
  }

  @Test
  void aReceiptWithoutIdOrStateCannotBeUsed() {
    assertThat(Receipt.parse("sub:001 stat:DELIVRD", null, null, null)).isEmpty();
    assertThat(Receipt.parse("id:12 sub:001", null, null, null)).isEmpty();
  }

  @Test
  void intermediateStatesAreNotFinal() {
    assertThat(ReceiptState.ofStat("ENROUTE").isFinal).isFalse();
    assertThat(ReceiptState.ofStat("ACCEPTD").isFinal).isFalse();
    assertThat(ReceiptState.ofStat("BUFFRED").isFinal).isFalse();
    assertThat(ReceiptState.ofStat("EXPIRED").isFinal).isTrue();
    assertThat(ReceiptState.ofTlv(8)).isEqualTo(ReceiptState.REJECTED);
  }

  @Test
  void finalStatesMapToTwilioCodesAndTheErrorMapOverridesThem() {
    SmppErrors defaults = new SmppErrors(java.util.Map.of());
    assertThat(defaults.receiptCode(ReceiptState.EXPIRED, null)).isEqualTo(30003);
    assertThat(defaults.receiptCode(ReceiptState.REJECTED, null)).isEqualTo(30007);
    assertThat(defaults.receiptCode(ReceiptState.DELETED, null)).isEqualTo(30008);
    assertThat(defaults.receiptCode(ReceiptState.UNDELIVERABLE, 11)).isEqualTo(30006);
    assertThat(defaults.receiptCode(ReceiptState.UNDELIVERABLE, 13)).isEqualTo(30004);
    assertThat(defaults.receiptCode(ReceiptState.UNDELIVERABLE, 999)).isEqualTo(30008);
    assertThat(new SmppErrors(java.util.Map.of("err:999", 30003)).receiptCode(ReceiptState.UNDELIVERABLE, 999))
        .isEqualTo(30003);
    assertThat(SmppErrors.actionFor(0x58)).isEqualTo(SmppErrors.Action.PAUSE);
    assertThat(SmppErrors.actionFor(0x08)).isEqualTo(SmppErrors.Action.RETRY);
    assertThat(SmppErrors.actionFor(0x0B)).isEqualTo(SmppErrors.Action.FAIL);
  }
}
