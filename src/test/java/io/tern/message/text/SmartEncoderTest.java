package io.tern.message.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmartEncoderTest {

  @Test
  void curlyQuotesDashesAndEllipsisBecomeTheirGsmLookAlikes() {
    assertThat(SmartEncoder.apply("“Don’t” — she said…"))
        .isEqualTo("\"Don't\" - she said...");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '^',
      value = {
        "½ price      | 1/2 price",
        "¼ and ¾      | 1/4 and 3/4",
        "ＡＢＣ１２３！ | ABC123!",
        "a\u00A0b     | a b",
        "a\u2009b     | a b",
        "en–dash      | en-dash",
        "• item       | - item",
        "«guillemets» | \"guillemets\"",
        "‹left›       | <left>",
        "wow‼         | wow!!",
        "`tick`       | 'tick'",
        "｛ＪＳＯＮ｝ | {JSON}",
      })
  void lookAlikesAreReplaced(String text, String expected) {
    assertThat(SmartEncoder.apply(text)).isEqualTo(expected);
  }

  @Test
  void zeroWidthCharactersAreRemoved() {
    assertThat(SmartEncoder.apply("\uFEFFzero\u200Bwidth\u2060joined")).isEqualTo("zerowidthjoined");
  }

  @Test
  void aTabBecomesSevenSpacesAsInTwiliosCalculator() {
    assertThat(SmartEncoder.apply("a\tb")).isEqualTo("a       b");
  }

  @Test
  void charactersWithoutALookAlikeAreLeftAlone() {
    assertThat(SmartEncoder.apply("ça 😀 漢字 “ok”")).isEqualTo("ça 😀 漢字 \"ok\"");
  }

  @Test
  void textWithNothingToReplaceIsReturnedAsIs() {
    String text = "Plain GSM text, Grüße & {braces} ~ €";

    assertThat(SmartEncoder.apply(text)).isSameAs(text);
    assertThat(SmartEncoder.apply(null)).isNull();
  }

  @Test
  void encodeSendsTheReplacedTextWhenItBecomesGsm7() {
    String text = "“Curly” — quotes";

    assertThat(SegmentCounter.count(text).encoding()).isEqualTo(Encoding.UCS2);
    assertThat(SmartEncoder.encode(text)).isEqualTo("\"Curly\" - quotes");
    assertThat(SegmentCounter.count(SmartEncoder.encode(text)).encoding())
        .isEqualTo(Encoding.GSM7);
  }

  @Test
  void encodeKeepsTheOriginalWhenAnEmojiForcesUcs2Anyway() {
    String text = "“Curly” — quotes 😀";

    assertThat(SmartEncoder.encode(text)).isSameAs(text);
    assertThat(SegmentCounter.count(text, true).encoding()).isEqualTo(Encoding.UCS2);
  }

  @Test
  void everyKeyIsOutsideGsm7AndEveryReplacementInsideIt() {
    int keys = 0;
    for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
      String replacement = SmartEncoder.lookAlike((char) c);
      if (replacement != null) {
        keys++;
        assertThat(Gsm7Alphabet.septets((char) c)).as("U+%04X is already GSM-7", c).isZero();
        assertThat(Gsm7Alphabet.canEncode(replacement)).as("replacement of U+%04X", c).isTrue();
      }
    }
    assertThat(keys).isEqualTo(270);
  }
}
