package io.tern.message.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Gsm7AlphabetTest {

  @Test
  void theBasicTableHoldsAllHundredAndTwentyEightCodesInGsmOrder() {
    assertThat(Gsm7Alphabet.BASIC).hasSize(128);
    assertThat(Gsm7Alphabet.BASIC.charAt(0x00)).isEqualTo('@');
    assertThat(Gsm7Alphabet.BASIC.charAt(0x09)).isEqualTo('Ç');
    assertThat(Gsm7Alphabet.BASIC.charAt(0x10)).isEqualTo('Δ');
    assertThat(Gsm7Alphabet.BASIC.charAt(0x24)).isEqualTo('¤');
    assertThat(Gsm7Alphabet.BASIC.charAt(0x41)).isEqualTo('A');
    assertThat(Gsm7Alphabet.BASIC.charAt(0x60)).isEqualTo('¿');
    assertThat(Gsm7Alphabet.BASIC.charAt(0x7F)).isEqualTo('à');
  }

  @Test
  void basicCharactersCostOneSeptetAndExtensionCharactersTwo() {
    assertThat(Gsm7Alphabet.septets('a')).isEqualTo(1);
    assertThat(Gsm7Alphabet.septets('\n')).isEqualTo(1);
    assertThat(Gsm7Alphabet.septets('Ω')).isEqualTo(1);
    assertThat(Gsm7Alphabet.septets('€')).isEqualTo(2);
    assertThat(Gsm7Alphabet.septets('\f')).isEqualTo(2);
    assertThat(Gsm7Alphabet.septets('\\')).isEqualTo(2);
  }

  @Test
  void theEscapeItselfAndLookAlikesOutsideTheTablesCostNothingBecauseTheyCannotBeSent() {
    assertThat(Gsm7Alphabet.septets('\u001B')).isZero();
    assertThat(Gsm7Alphabet.septets('`')).isZero();
    assertThat(Gsm7Alphabet.septets('\t')).isZero();
    assertThat(Gsm7Alphabet.septets('ç')).isZero();
    assertThat(Gsm7Alphabet.septets('\uD83D')).isZero();
  }

  @Test
  void exactlyTheHundredAndThirtySevenCharactersOfBothTablesAreEncodable() {
    int encodable = 0;
    for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
      if (Gsm7Alphabet.septets((char) c) > 0) {
        encodable++;
      }
    }
    assertThat(encodable).isEqualTo(127 + 10);
  }
}
