package io.tern.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

  @ParameterizedTest
  @CsvSource({
      "+14155550123, +14155550123, US",
      "'+1 (415) 555-0123', +14155550123, US",
      "+447700900123, +447700900123, GB",
      "+16135550123, +16135550123, CA",
      "+15005550006, +15005550006, US"})
  void readsE164AndItsCountry(String text, String e164, String region) {
    ParsedNumber number = PhoneNumbers.parseE164(text).orElseThrow();
    assertThat(number.e164()).isEqualTo(e164);
    assertThat(number.regionCode()).isEqualTo(region);
  }

  @ParameterizedTest
  @ValueSource(strings = {"4155550123", "+1415", "+1415555012345678", "+abc", "hello", "+"})
  void refusesWhatIsNotAPossibleE164Number(String text) {
    assertThat(PhoneNumbers.parseE164(text)).isEmpty();
  }

  @Test
  void shortCodesAreThreeToEightDigits() {
    assertThat(PhoneNumbers.isShortCode("12345")).isTrue();
    assertThat(PhoneNumbers.isShortCode("123")).isTrue();
    assertThat(PhoneNumbers.isShortCode("12")).isFalse();
    assertThat(PhoneNumbers.isShortCode("123456789")).isFalse();
    assertThat(PhoneNumbers.isShortCode("12a45")).isFalse();
  }
}
