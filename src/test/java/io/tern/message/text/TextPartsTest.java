package io.tern.message.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TextPartsTest {

  @Test
  void aTextThatFitsOneSegmentIsOnePart() {
    assertThat(TextParts.split("x".repeat(160), Encoding.GSM7)).containsExactly("x".repeat(160));
    assertThat(TextParts.split("é".repeat(70).replace('é', 'ж'), Encoding.UCS2)).hasSize(1);
    assertThat(TextParts.split("", Encoding.GSM7)).containsExactly("");
    assertThat(TextParts.split(null, Encoding.UCS2)).containsExactly("");
  }

  @Test
  void aLongerGsm7TextIsCutEvery153Septets() {
    assertThat(TextParts.split("x".repeat(161), Encoding.GSM7))
        .containsExactly("x".repeat(153), "x".repeat(8));
  }

  @Test
  void anExtensionCharacterThatWouldStraddleAPartStartsTheNext() {
    // 152 septets, then '€' (escape + code): 154 would overflow the first part.
    String text = "x".repeat(152) + "€" + "y".repeat(10);

    assertThat(TextParts.split(text, Encoding.GSM7))
        .containsExactly("x".repeat(152), "€" + "y".repeat(10));
  }

  @Test
  void aLongerUcs2TextIsCutEvery67UnitsAndNeverInsideASurrogatePair() {
    String cyrillic = "ж".repeat(71);
    assertThat(TextParts.split(cyrillic, Encoding.UCS2))
        .containsExactly("ж".repeat(67), "ж".repeat(4));

    String emoji = "\uD83D\uDE00";
    String text = "ж".repeat(66) + emoji + "ж".repeat(5);
    assertThat(TextParts.split(text, Encoding.UCS2))
        .containsExactly("ж".repeat(66), emoji + "ж".repeat(5));
  }

  @Test
  void aCharacterOutsideGsm7CannotBeSplitAsGsm7() {
    assertThatThrownBy(() -> TextParts.split("x".repeat(200) + "ж", Encoding.GSM7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("U+436");
  }

  /**
   * Property: for any text, split by the encoding the counter gives it, there are as many parts
   * as segments, the parts joined are the text, each part fits, and no surrogate pair is cut.
   */
  @Test
  void everyTextSplitsIntoAsManyPartsAsItHasSegments() {
    SplittableRandom random = new SplittableRandom(20261206);
    for (int round = 0; round < 5_000; round++) {
      String text = randomText(random);
      Segmentation counted = SegmentCounter.count(text);

      List<String> parts = TextParts.split(text, counted.encoding());

      assertThat(parts).as("parts of %s", text).hasSize(counted.segments());
      assertThat(String.join("", parts)).isEqualTo(text);
      if (parts.size() > 1) {
        int limit = counted.encoding().unitsPerPart();
        assertThat(parts).allSatisfy(part -> assertThat(units(part, counted.encoding()))
            .as("units of a part of %s", text).isLessThanOrEqualTo(limit));
      }
      for (int i = 1; i < parts.size(); i++) {
        String before = parts.get(i - 1);
        assertThat(Character.isHighSurrogate(before.charAt(before.length() - 1))
                && Character.isLowSurrogate(parts.get(i).charAt(0)))
            .as("a surrogate pair cut between parts %d and %d of %s", i - 1, i, text).isFalse();
      }
    }
  }

  /** Property: with a smaller part (a 16-bit reference's header), parts still fit and join to the text. */
  @Test
  void smallerPartsFitTheirLimitAndJoinToTheText() {
    SplittableRandom random = new SplittableRandom(20261207);
    for (int round = 0; round < 2_000; round++) {
      String text = randomText(random);
      Encoding encoding = SegmentCounter.count(text).encoding();
      int limit = encoding.unitsPerPart() - 1;

      List<String> parts = TextParts.split(text, encoding, limit);

      assertThat(String.join("", parts)).isEqualTo(text);
      assertThat(parts.size()).isGreaterThanOrEqualTo(SegmentCounter.count(text).segments());
      if (parts.size() > 1) {
        assertThat(parts).allSatisfy(part -> assertThat(units(part, encoding)).isLessThanOrEqualTo(limit));
      }
    }
    assertThat(TextParts.split("x".repeat(306), Encoding.GSM7, 152))
        .containsExactly("x".repeat(152), "x".repeat(152), "xx");
  }

  private static int units(String part, Encoding encoding) {
    if (encoding == Encoding.UCS2) {
      return part.length();
    }
    int septets = 0;
    for (int i = 0; i < part.length(); i++) {
      septets += Gsm7Alphabet.septets(part.charAt(i));
    }
    return septets;
  }

  /** Mostly GSM-7 texts with extension characters, some with Cyrillic, emoji or lone surrogates. */
  private static String randomText(SplittableRandom random) {
    int length = random.nextInt(0, 480);
    boolean gsmOnly = random.nextInt(3) > 0;
    StringBuilder text = new StringBuilder();
    while (text.length() < length) {
      int kind = random.nextInt(gsmOnly ? 2 : 5);
      switch (kind) {
        case 0 -> text.append(Gsm7Alphabet.BASIC.charAt(random.nextInt(Gsm7Alphabet.BASIC.length())));
        case 1 -> text.append(Gsm7Alphabet.EXTENSION.charAt(random.nextInt(Gsm7Alphabet.EXTENSION.length())));
        case 2 -> text.append((char) ('а' + random.nextInt(32)));
        case 3 -> text.appendCodePoint(0x1F600 + random.nextInt(64));
        default -> text.append(random.nextBoolean() ? '\uD83D' : '\uDE00');
      }
    }
    return text.toString();
  }
}
