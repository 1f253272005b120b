package io.tern.message.text;


import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SegmentCounterTest {
  private static final String EMOJI = "😀"; // U+1F600, a surrogate pair
  private static final char CYRILLIC = 'ж'; // not GSM-7, one UTF-16 unit

  @ParameterizedTest(name = "{0} GSM-7 chars -> {1} segment(s)")
  @CsvSource({"1, 1", "160, 1", "161, 2", "306, 2", "307, 3", "459, 3", "460, 4", "1600, 11"})
  void plainGsmTextFits160InOneSegmentAnd153PerPart(int length, int segments) {
    assertThat(SegmentCounter.count("a".repeat(length)))
        .isEqualTo(new Segmentation(Encoding.GSM7, segments, length));
  }

  @ParameterizedTest(name = "{0} UCS-2 chars -> {1} segment(s)")
  @CsvSource({"1, 1", "70, 1", "71, 2", "134, 2", "135, 3", "201, 3", "202, 4"})
  void ucs2TextFits70InOneSegmentAnd67PerPart(int length, int segments) {
    assertThat(SegmentCounter.count(String.valueOf(CYRILLIC).repeat(length)))
        .isEqualTo(new Segmentation(Encoding.UCS2, segments, length));
  }

  @Test
  void accentedLettersOfTheDefaultAlphabetStayGsm7() {
    assertThat(SegmentCounter.count("Grüße aus Köln, à demain"))
        .isEqualTo(new Segmentation(Encoding.GSM7, 1, 24));
  }

  @Test
  void oneAccentedLetterOutsideTheAlphabetMakesTheWholeMessageUcs2() {
    assertThat(SegmentCounter.count("Grüße aus Köln, à bientôt"))
        .isEqualTo(new Segmentation(Encoding.UCS2, 1, 25));
  }

  static Stream<Character> extensionCharacters() {
    return Gsm7Alphabet.EXTENSION.chars().mapToObj(c -> (char) c);
  }

  @ParameterizedTest(name = "U+{0}")
  @MethodSource("extensionCharacters")
  void everyExtensionCharacterCostsTwoSeptets(char c) {
    assertThat(SegmentCounter.count("a" + c + "b"))
        .isEqualTo(new Segmentation(Encoding.GSM7, 1, 4));
  }

  @Test
  void eightyEuroSignsFillOneSegmentAndEightyOneNeedTwo() {
    assertThat(SegmentCounter.count("€".repeat(80)))
        .isEqualTo(new Segmentation(Encoding.GSM7, 1, 160));
    assertThat(SegmentCounter.count("€".repeat(81)))
        .isEqualTo(new Segmentation(Encoding.GSM7, 2, 162));
  }

  @Test
  void anExtensionCharacterThatWouldStraddleAPartBoundaryStartsTheNextPart() {
    // 306 septets would be exactly two parts of 153, but the € cannot be cut after septet 153:
    // part 1 is 152 'a', part 2 is € + 151 'a', part 3 the last 'a'.
    String text = "a".repeat(152) + "€" + "a".repeat(152);

    assertThat(SegmentCounter.count(text)).isEqualTo(new Segmentation(Encoding.GSM7, 3, 306));
  }

  @Test
  void anExtensionCharacterEndingAPartExactlyStaysInIt() {
    String text = "a".repeat(151) + "€" + "a".repeat(153);

    assertThat(SegmentCounter.count(text)).isEqualTo(new Segmentation(Encoding.GSM7, 2, 306));
  }

  @Test
  void oneEmojiMakesTheWholeMessageUcs2AndCountsTwoUnits() {
    assertThat(SegmentCounter.count(EMOJI)).isEqualTo(new Segmentation(Encoding.UCS2, 1, 2));
    assertThat(SegmentCounter.count("Hello " + EMOJI))
        .isEqualTo(new Segmentation(Encoding.UCS2, 1, 8));
  }

  @Test
  void anEmojiIsNeverSplitAcrossParts() {
    // 134 units would be exactly two parts of 67, but the pair cannot be cut after unit 67:
    // part 1 is 66 chars, part 2 the emoji + 65 chars, part 3 the last char.
    String cyrillic66 = String.valueOf(CYRILLIC).repeat(66);
    String text = cyrillic66 + EMOJI + cyrillic66;

    assertThat(SegmentCounter.count(text)).isEqualTo(new Segmentation(Encoding.UCS2, 3, 134));
  }

  @Test
  void anEmojiEndingAPartExactlyStaysInIt() {
    String text = String.valueOf(CYRILLIC).repeat(65) + EMOJI + String.valueOf(CYRILLIC).repeat(67);

    assertThat(SegmentCounter.count(text)).isEqualTo(new Segmentation(Encoding.UCS2, 2, 134));
  }

  @Test
  void seventyUnitsOfEmojiStillFitOneSegment() {
    assertThat(SegmentCounter.count(EMOJI.repeat(35)))
        .isEqualTo(new Segmentation(Encoding.UCS2, 1, 70));
    assertThat(SegmentCounter.count(EMOJI.repeat(36)))
        .isEqualTo(new Segmentation(Encoding.UCS2, 2, 72));
  }

  @Test
  void aLoneSurrogateIsOneUcs2Unit() {
    String text = "\uD83D" + String.valueOf(CYRILLIC).repeat(70);

    assertThat(SegmentCounter.count(text)).isEqualTo(new Segmentation(Encoding.UCS2, 2, 71));
  }

  @Test
  void upperCaseCedillaIsGsm7ButLowerCaseForcesUcs2() {
    assertThat(SegmentCounter.count("Ça va").encoding()).isEqualTo(Encoding.GSM7);
    assertThat(SegmentCounter.count("ça va").encoding()).isEqualTo(Encoding.UCS2);
    assertThat(SegmentCounter.count("Ça va, ça va")).isEqualTo(new Segmentation(Encoding.UCS2, 1, 12));
  }

  @Test
  void anEmptyOrMissingBodyIsOneGsm7SegmentOfNothing() {
    Segmentation nothing = new Segmentation(Encoding.GSM7, 1, 0);

    assertThat(SegmentCounter.count("")).isEqualTo(nothing);
    assertThat(SegmentCounter.count(null)).isEqualTo(nothing);
  }

  @Test
  void theTrialPrefixPushesA130CharacterBodyIntoTwoSegments() {
    String body = "x".repeat(130);

    assertThat(SegmentCounter.count(body).segments()).isEqualTo(1);
    assertThat(SegmentCounter.count(OutgoingText.body(body, false, true)))
        .isEqualTo(new Segmentation(Encoding.GSM7, 2, 168));
  }

  @Test
  void aMissingTrialBodyIsThePrefixAlone() {
    assertThat(OutgoingText.body(null, false, true)).isEqualTo("Sent from your Twilio trial account - ");
  }

  static Stream<Arguments> smartEncodedBodies() {
    String curly = "“Quoted” — and it’s done. ";
    String curlyBody = (curly.repeat(4)).substring(0, 100);
    return Stream.of(
        Arguments.of(curlyBody, false, new Segmentation(Encoding.UCS2, 2, 100)),
        Arguments.of(curlyBody, true, new Segmentation(Encoding.GSM7, 1, 100)),
        Arguments.of("“Great” " + EMOJI, true, new Segmentation(Encoding.UCS2, 1, 10)),
        Arguments.of("Half ½ off", true, new Segmentation(Encoding.GSM7, 1, 12)),
        Arguments.of("Half ½ off " + EMOJI, true, new Segmentation(Encoding.UCS2, 1, 13)));
  }

  @ParameterizedTest(name = "[{index}] smartEncoded={1}")
  @MethodSource("smartEncodedBodies")
  void smartEncodingCountsTheBodyTwilioWouldSend(String text, boolean smart, Segmentation expected) {
    assertThat(SegmentCounter.count(text, smart)).isEqualTo(expected);
  }
}
