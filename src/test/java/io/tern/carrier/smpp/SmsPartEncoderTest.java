package io.tern.carrier.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.carrier.smpp.SmppOptions.DefaultCharset;
import io.tern.carrier.smpp.SmppOptions.LongMessageMethod;
import io.tern.message.text.Encoding;
import io.tern.message.text.SegmentCounter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where a text is cut is TextParts' (tested there); here, what SMPP puts around each part. */
class SmsPartEncoderTest {
  private final SmsPartEncoder udh8 = new SmsPartEncoder(LongMessageMethod.UDH8, DefaultCharset.GSM7);

  @ParameterizedTest
  @ValueSource(ints = {1, 160, 161, 306, 307, 1000})
  void aBodyGoesAsTheSegmentsTernCountedItAs(int length) {
    for (String body : List.of("a".repeat(length), "€".repeat(length / 2 + 1), "ж".repeat(length),
        "ж" + "😀".repeat(length / 2 + 1))) {
      boolean ucs2 = SegmentCounter.count(body).encoding() == Encoding.UCS2;
      List<SmsPart> parts = udh8.encode(body, ucs2, 9);
      assertThat(parts).as(body).hasSize(SegmentCounter.count(body).segments());
      // Every PDU fits 140 octets once the SMSC packs GSM-7 septets (header padded to septets).
      parts.forEach(part -> assertThat(airOctets(part)).as(body).isLessThanOrEqualTo(140));
    }
  }

  @Test
  void eachPartOfALongMessageCarriesAnEightBitUdhWithOneReference() {
    List<SmsPart> parts = udh8.encode("x".repeat(300) + "€", false, 0x1AB);
    assertThat(parts).hasSize(2).allMatch(p -> p.udh() && p.dataCoding() == 0 && p.sar() == null);
    assertThat(parts.get(0).bytes()).startsWith(5, 0, 3, 0xAB, 2, 1);
    assertThat(parts.get(1).bytes()).startsWith(5, 0, 3, 0xAB, 2, 2);
    // 153 septets, then the 147 left and the euro as escape and code.
    assertThat(parts.get(0).bytes()).hasSize(6 + 153);
    assertThat(parts.get(1).bytes()).hasSize(6 + 147 + 2).endsWith(0x1B, 0x65);
  }

  @Test
  void ucs2PartsAreUtf16AndJoinToTheBody() {
    String body = "Привет 👋 ".repeat(10);
    List<SmsPart> parts = udh8.encode(body, true, 1);
    StringBuilder rebuilt = new StringBuilder();
    for (SmsPart part : parts) {
      assertThat(part.dataCoding()).isEqualTo(8);
      rebuilt.append(new String(part.bytes(), 6, part.bytes().length - 6, StandardCharsets.UTF_16BE));
    }
    assertThat(rebuilt.toString()).isEqualTo(body);
  }

  @Test
  void aSixteenBitReferenceTakesAnOctetMoreSoPartsHoldOneUnitLess() {
    SmsPartEncoder udh16 = new SmsPartEncoder(LongMessageMethod.UDH16, DefaultCharset.GSM7);
    List<SmsPart> gsm = udh16.encode("c".repeat(306), false, 0x1234);
    assertThat(gsm).hasSize(3);
    assertThat(gsm.get(0).bytes()).startsWith(6, 8, 4, 0x12, 0x34, 3, 1).hasSize(7 + 152);
    List<SmsPart> wide = udh16.encode("ж".repeat(134), true, 7);
    assertThat(wide).hasSize(3);
    assertThat(wide.get(0).bytes()).hasSize(7 + 66 * 2);
    wide.forEach(part -> assertThat(airOctets(part)).isLessThanOrEqualTo(140));
  }

  @Test
  void sarPutsTheNumbersInTlvsAndPayloadSendsTheWholeText() {
    List<SmsPart> sar = new SmsPartEncoder(LongMessageMethod.SAR, DefaultCharset.GSM7).encode("s".repeat(200), false, 0x10203);
    assertThat(sar).extracting(SmsPart::sar)
        .containsExactly(new SmsPart.Sar(0x0203, 2, 1), new SmsPart.Sar(0x0203, 2, 2));
    assertThat(sar).noneMatch(SmsPart::udh);
    List<SmsPart> payload = new SmsPartEncoder(LongMessageMethod.PAYLOAD, DefaultCharset.GSM7).encode("p".repeat(200), false, 0);
    assertThat(payload).singleElement().satisfies(p -> {
      assertThat(p.payload()).isTrue();
      assertThat(p.bytes()).hasSize(200);
    });
  }

  @Test
  void dataCodingZeroFollowsTheConfiguredCharsetAndATextGsmCannotCarryGoesAsUcs2() {
    assertThat(udh8.encode("@£Δ", false, 0).get(0).bytes()).containsExactly(0x00, 0x01, 0x10);
    assertThat(new SmsPartEncoder(LongMessageMethod.UDH8, DefaultCharset.LATIN1).encode("é£", false, 0).get(0).bytes())
        .containsExactly(0xE9, 0xA3);
    assertThat(udh8.encode("ж", false, 0).get(0).dataCoding()).isEqualTo(8);
    assertThat(udh8.encode(null, false, 0)).singleElement().satisfies(p -> assertThat(p.bytes()).isEmpty());
    assertThat(Gsm7Codec.decode(Gsm7Codec.encode("Hi {there} €5 @ £"), 0)).isEqualTo("Hi {there} €5 @ £");
  }

  /** Octets on the air: GSM-7 packs 8 septets into 7 octets, after a header padded to a septet. */
  private static int airOctets(SmsPart part) {
    int header = part.udh() ? (part.bytes()[0] & 0xFF) + 1 : 0;
    int body = part.bytes().length - header;
    if (part.dataCoding() == 8) {
      return header + body;
    }
    int headerSeptets = (header * 8 + 6) / 7;
    return ((headerSeptets + body) * 7 + 7) / 8;
  }
}
