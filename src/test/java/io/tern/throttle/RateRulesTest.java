package io.tern.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RateRulesTest {
  private final RateRules rules = RateRules.twilioDefaults();

  @ParameterizedTest
  @CsvSource({
      "+18005550100, TOLL_FREE, US, 3",
      "+14155550100, LONG_CODE, US, 1",
      "+447700900100, LONG_CODE, GB, 10",
      "24680, SHORT_CODE, , 100",
      "TernShop, ALPHANUMERIC, , 10"
  })
  void classifiesSendersAndGivesTwilioDefaultRates(
      String from, SenderKind kind, String country, double rate) {
    SenderClass sender = RateRules.classify(from);

    assertThat(sender).isEqualTo(new SenderClass(kind, country));
    assertThat(rules.rateFor(sender)).isEqualTo(rate);
  }

  @ParameterizedTest
  @ValueSource(strings = {"800", "833", "844", "855", "866", "877", "888"})
  void everyNanpTollFreeAreaCodeIsTollFree(String areaCode) {
    SenderClass sender = RateRules.classify("+1" + areaCode + "5550100");

    assertThat(sender.kind()).isEqualTo(SenderKind.TOLL_FREE);
    assertThat(rules.rateFor(sender)).isEqualTo(3);
  }

  @Test
  void aTollFreeLookingAreaCodeOutsideNanpIsALongCode() {
    // +44 800 is UK freephone, but the 3/s rule is about US/CA toll-free numbers.
    SenderClass sender = RateRules.classify("+448005550100");

    assertThat(sender.kind()).isEqualTo(SenderKind.LONG_CODE);
    assertThat(rules.rateFor(sender)).isEqualTo(10);
  }

  @Test
  void canadianLongCodesAndTollFreeGetTheUsRates() {
    assertThat(rules.rateFor(new SenderClass(SenderKind.LONG_CODE, "CA"))).isEqualTo(1);
    assertThat(rules.rateFor(new SenderClass(SenderKind.TOLL_FREE, "CA"))).isEqualTo(3);
  }

  @Test
  void aPositiveOverrideWinsOverTheDefault() {
    SenderClass usLongCode = RateRules.classify("+14155550100");

    assertThat(rules.rateFor(usLongCode, 0.5)).isEqualTo(0.5);
    assertThat(rules.rateFor(usLongCode, 250.0)).isEqualTo(250);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
  void anOverrideThatIsNotAPositiveRateIsIgnored(double override) {
    SenderClass shortCode = RateRules.classify("24680");

    assertThat(rules.rateFor(shortCode, override)).isEqualTo(100);
    assertThat(rules.rateFor(shortCode, null)).isEqualTo(100);
  }

  @Test
  void defaultsPerKindAreConfigurable() {
    RateRules custom = new RateRules(new DefaultRates(2, 6, 20, 15, 30));

    assertThat(custom.rateFor(RateRules.classify("+14155550100"))).isEqualTo(2);
    assertThat(custom.rateFor(RateRules.classify("+18885550100"))).isEqualTo(6);
    assertThat(custom.rateFor(RateRules.classify("+447700900100"))).isEqualTo(20);
    assertThat(custom.rateFor(RateRules.classify("TernShop"))).isEqualTo(15);
    assertThat(custom.rateFor(RateRules.classify("24680"))).isEqualTo(30);
  }

  @Test
  void defaultRatesMustBePositive() {
    assertThatThrownBy(() -> new DefaultRates(0, 3, 10, 10, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("usCaLongCode");
  }

  @ParameterizedTest
  @ValueSource(strings = {"+12", "not a sender!", ""})
  void refusesTextThatIsNoSender(String from) {
    assertThatThrownBy(() -> RateRules.classify(from)).isInstanceOf(IllegalArgumentException.class);
  }
}
