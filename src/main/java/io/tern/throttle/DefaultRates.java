package io.tern.throttle;

/**
 * Default throughput per kind of sender, in segments per second. Fractions are allowed (0.5 is
 * one segment every two seconds).
 */
public record DefaultRates(
    double usCaLongCode,
    double usCaTollFree,
    double otherLongCode,
    double alphanumeric,
    double shortCode) {

  /** Twilio's published defaults (reference §11). */
  public static final DefaultRates TWILIO = new DefaultRates(1, 3, 10, 10, 100);

  public DefaultRates {
    RateRules.requireValidRate(usCaLongCode, "usCaLongCode");
    RateRules.requireValidRate(usCaTollFree, "usCaTollFree");
    RateRules.requireValidRate(otherLongCode, "otherLongCode");
    RateRules.requireValidRate(alphanumeric, "alphanumeric");
    RateRules.requireValidRate(shortCode, "shortCode");
  }
}
