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

class MessageSplitterTest {
  private final MessageSplitter udh8 = new MessageSplitter(LongMessageMethod.UDH8, DefaultCharset.GSM7);

  @ParameterizedTest
  @ValueSource(ints = {1, 159, 160, 161, 305, 306, 307, 459, 460, 1000})
  void gsmBodiesGoAsExactlyTheSegmentsTernCounts(int length) {
    for (String body : List.of("a".repeat(length), "€".repeat(length / 2 + 1), ("a".repeat(152) + "{").repeat(length / 153 + 1))) {
      boolean ucs2 = SegmentCounter.count(body).encoding() == Encoding.UCS2;
      assertThat(udh8.split(body, ucs2, 9)).as(body).hasSize(SegmentCounter.count(body).segments());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 69, 70, 71, 134, 135, 300})
  void ucs2BodiesGoAsExactlyTheSegmentsTernCounts(int length) {
    for (String body : List.of("ж".repeat(length), "😀".repeat(length / 2 + 1), "ж" + "😀".repeat(length / 2 + 1))) {
      List<SmsPart> parts = udh8.split(body, true, 9);
      assertThat(parts).as(body).hasSize(SegmentCounter.count(body).segments());
      StringBuilder rebuilt = new StringBuilder();
      for (SmsPart part : parts) {
        int header = part.udh() ? 6 : 0;
        String text = new String(part.bytes(), header, part.bytes().length - header, StandardCharsets.UTF_16BE);
        assertThat(text).doesNotStartWith("\uFFFD").doesNotEndWith("\uFFFD");
        rebuilt.append(text);
      }
      assertThat(rebuilt.toString()).isEqualTo(body);
    }
  }

  @Test
  void anExtensionCharacterStaysWithItsEscape() {
    String body = "a".repeat(152) + "€" + "b".repeat(10);
    List<SmsPart> parts = udh8.split(body, false, 1);
    assertThat(parts).hasSize(2);
    // 152 septets, then € (ESC 0x65) would make 154: it opens the second part.
    assertThat(parts.get(0).bytes()).hasSize(6 + 152);
    assertThat(parts.get(1).bytes()[6]).isEqualTo((byte) 0x1B);
    assertThat(parts.get(1).bytes()[7]).isEqualTo((byte) 0x65);
  }

  @Test
  void sixteenBitReferencesAndPayloadAreOtherWaysToSendTheSameText() {
    String body = "c".repeat(200);
    List<SmsPart> udh16 = new MessageSplitter(LongMessageMethod.UDH16, DefaultCharset.GSM7).split(body, false, 0x1234);
    assertThat(udh16).hasSize(2);
    assertThat(udh16.get(0).bytes()).startsWith(6, 8, 4, 0x12, 0x34, 2, 1);
    List<SmsPart> payload = new MessageSplitter(LongMessageMethod.PAYLOAD, DefaultCharset.GSM7).split(body, false, 0);
    assertThat(payload).singleElement().satisfies(p -> {
      assertThat(p.payload()).isTrue();
      assertThat(p.bytes()).hasSize(200);
    });
  }

  @Test
  void dataCodingZeroFollowsTheConfiguredCharset() {
    assertThat(udh8.split("@£Δ", false, 0).get(0).bytes()).containsExactly(0x00, 0x01, 0x10);
    assertThat(new MessageSplitter(LongMessageMethod.UDH8, DefaultCharset.LATIN1).split("é£", false, 0).get(0).bytes())
        .containsExactly(0xE9, 0xA3);
    assertThat(Gsm7Codec.decode(Gsm7Codec.encode("Hi {there} €5 @ £"), 0)).isEqualTo("Hi {there} €5 @ £");
  }
}
