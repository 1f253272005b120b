package io.tern.carrier;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a message costs, per segment and destination country, for the {@code price} field of
 * the Message resource. Twilio writes prices as negative decimal strings with five places
 * ({@code "-0.00790"}) and leaves {@code price} null when it has none; an empty table is Tern's
 * default, so every price stays null.
 *
 * @param unit ISO 4217 currency, Twilio's {@code price_unit}
 * @param perSegmentByCountry keyed by destination ISO 3166 alpha-2 code, upper case
 * @param defaultPerSegment for countries not listed; null leaves them unpriced
 */
public record PriceTable(
    String unit, Map<String, BigDecimal> perSegmentByCountry, BigDecimal defaultPerSegment) {

  public static final String DEFAULT_UNIT = "USD";

  public PriceTable {
    unit = unit == null || unit.isBlank() ? DEFAULT_UNIT : unit.trim().toUpperCase(Locale.ROOT);
    Map<String, BigDecimal> byCountry = new HashMap<>();
    (perSegmentByCountry == null ? Map.<String, BigDecimal>of() : perSegmentByCountry)
        .forEach((country, price) -> byCountry.put(country.trim().toUpperCase(Locale.ROOT),
            requireNotNegative(price, "carrier.prices.perSegmentByCountry." + country)));
    perSegmentByCountry = Map.copyOf(byCountry);
    if (defaultPerSegment != null) {
      defaultPerSegment = requireNotNegative(defaultPerSegment, "carrier.prices.defaultPerSegment");
    }
  }

  /** No prices at all: every message's price is null. */
  public static PriceTable unpriced() {
    return new PriceTable(DEFAULT_UNIT, Map.of(), null);
  }

  /**
   * The price of a message to that country, as Twilio writes it ({@code "-0.01580"} for two
   * segments at 0.0079); empty when the table has no price for the country. A message counts at
   * least one segment: an MMS or a message not yet counted still costs one unit.
   */
  public Optional<String> priceFor(String toCountryIso, int segments) {
    BigDecimal perSegment = toCountryIso == null
        ? defaultPerSegment
        : perSegmentByCountry.getOrDefault(toCountryIso.toUpperCase(Locale.ROOT), defaultPerSegment);
    if (perSegment == null) {
      return Optional.empty();
    }
    BigDecimal price = perSegment.multiply(BigDecimal.valueOf(Math.max(1, segments)))
        .setScale(5, RoundingMode.HALF_UP)
        .negate();
    return Optional.of(price.toPlainString());
  }

  /**
   * Reads a {@code carrier.prices} block: {@code {unit: USD, defaultPerSegment: null,
   * perSegmentByCountry: {US: 0.0079}}}. Prices may be numbers or strings (as the environment
   * gives them); a missing or null block is {@link #unpriced()}.
   */
  public static PriceTable fromJson(JsonObject prices) {
    if (prices == null) {
      return unpriced();
    }
    Map<String, BigDecimal> byCountry = new HashMap<>();
    JsonObject countries = prices.getJsonObject("perSegmentByCountry", new JsonObject());
    for (String country : countries.fieldNames()) {
      BigDecimal price = decimal(countries.getValue(country), "carrier.prices.perSegmentByCountry." + country);
      if (price != null) {
        byCountry.put(country, price);
      }
    }
    return new PriceTable(
        prices.getString("unit"),
        byCountry,
        decimal(prices.getValue("defaultPerSegment"), "carrier.prices.defaultPerSegment"));
  }

  /** The {@code carrier.prices} block {@link #fromJson} reads back into this table. */
  public JsonObject toJson() {
    JsonObject countries = new JsonObject();
    perSegmentByCountry.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(entry -> countries.put(entry.getKey(), entry.getValue().toPlainString()));
    return new JsonObject()
        .put("unit", unit)
        .put("defaultPerSegment", defaultPerSegment == null ? null : defaultPerSegment.toPlainString())
        .put("perSegmentByCountry", countries);
  }

  private static BigDecimal decimal(Object value, String key) {
    if (value == null || value.toString().isBlank() || "null".equals(value.toString().trim())) {
      return null;
    }
    try {
      // toString, not the double itself: 0.0079 must stay 0.0079, not its binary neighbour.
      return new BigDecimal(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Invalid configuration: " + key + " must be a decimal number, not '" + value + "'");
    }
  }

  private static BigDecimal requireNotNegative(BigDecimal price, String key) {
    if (price == null || price.signum() < 0) {
      throw new IllegalArgumentException(
          "Invalid configuration: " + key + " must be a price of zero or more");
    }
    // 0.0079 and 0.00790 are one price: tables read from different files compare equal.
    return price.stripTrailingZeros();
  }
}
