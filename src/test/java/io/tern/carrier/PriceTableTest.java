package io.tern.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceTableTest {
  private final PriceTable usOnly =
      new PriceTable("USD", Map.of("US", new BigDecimal("0.0079")), null);

  @Test
  void pricesPerSegmentAsTwilioWritesThem() {
    assertThat(usOnly.priceFor("US", 1)).contains("-0.00790");
    assertThat(usOnly.priceFor("US", 2)).contains("-0.01580");
    assertThat(usOnly.priceFor("us", 3)).contains("-0.02370");
  }

  @Test
  void anUnpricedCountryHasNoPrice() {
    assertThat(usOnly.priceFor("GB", 1)).isEmpty();
    assertThat(usOnly.priceFor(null, 1)).isEmpty();
    assertThat(PriceTable.unpriced().priceFor("US", 1)).isEmpty();
  }

  @Test
  void theDefaultPricesEveryCountryNotListed() {
    PriceTable table = new PriceTable("USD", Map.of("US", new BigDecimal("0.0079")),
        new BigDecimal("0.04"));

    assertThat(table.priceFor("GB", 2)).contains("-0.08000");
    assertThat(table.priceFor("US", 1)).contains("-0.00790");
  }

  @Test
  void roundsToFiveDecimals() {
    PriceTable table = new PriceTable("USD", Map.of(), new BigDecimal("0.000125"));

    assertThat(table.priceFor("US", 1)).contains("-0.00013");
  }

  @Test
  void aMessageCostsAtLeastOneSegment() {
    assertThat(usOnly.priceFor("US", 0)).contains("-0.00790");
  }

  @Test
  void readsItsConfigurationBlock() {
    JsonObject prices = new JsonObject()
        .put("unit", "usd")
        .put("defaultPerSegment", "0.05")
        .put("perSegmentByCountry", new JsonObject().put("US", 0.0079).put("gb", "0.0400"));

    PriceTable table = PriceTable.fromJson(prices);

    assertThat(table.unit()).isEqualTo("USD");
    assertThat(table.priceFor("US", 2)).contains("-0.01580");
    assertThat(table.priceFor("GB", 1)).contains("-0.04000");
    assertThat(table.priceFor("FR", 1)).contains("-0.05000");
    assertThat(PriceTable.fromJson(table.toJson())).isEqualTo(table);
  }

  @Test
  void noBlockMeansUnpriced() {
    assertThat(PriceTable.fromJson(null)).isEqualTo(PriceTable.unpriced());
    assertThat(PriceTable.fromJson(new JsonObject())).isEqualTo(PriceTable.unpriced());
    assertThat(PriceTable.unpriced().unit()).isEqualTo("USD");
  }

  @Test
  void refusesNegativeAndNonNumericPrices() {
    assertThatThrownBy(() -> PriceTable.fromJson(new JsonObject().put("defaultPerSegment", "-0.01")))
        .hasMessageContaining("carrier.prices.defaultPerSegment");
    assertThatThrownBy(() -> PriceTable.fromJson(new JsonObject()
            .put("perSegmentByCountry", new JsonObject().put("US", "cheap"))))
        .hasMessageContaining("carrier.prices.perSegmentByCountry.US");
  }
}
