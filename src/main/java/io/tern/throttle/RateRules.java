package io.tern.throttle;

import io.tern.message.AlphaSenderId;
import io.tern.message.ParsedNumber;
import io.tern.message.PhoneNumbers;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A sender's rate in segments per second: its own override when it has one, otherwise the
 * default for its kind and country.
 */
public final class RateRules {
  /** NANP toll-free area codes; every other +1 number is a local long code. */
  private static final Set<String> NANP_TOLL_FREE_AREA_CODES =
      Set.of("800", "833", "844", "855", "866", "877", "888");

  private final DefaultRates defaults;

  public RateRules(DefaultRates defaults) {
    this.defaults = Objects.requireNonNull(defaults, "defaults");
  }

  public static RateRules twilioDefaults() {
    return new RateRules(DefaultRates.TWILIO);
  }

  public DefaultRates defaults() {
    return defaults;
  }

  /** The default rate of a kind of sender. */
  public double rateFor(SenderClass sender) {
    return switch (sender.kind()) {
      case SHORT_CODE -> defaults.shortCode();
      case ALPHANUMERIC -> defaults.alphanumeric();
      case TOLL_FREE -> sender.isUsOrCanada() ? defaults.usCaTollFree() : defaults.otherLongCode();
      case LONG_CODE -> sender.isUsOrCanada() ? defaults.usCaLongCode() : defaults.otherLongCode();
    };
  }

  /**
   * The sender's own rate when {@code override} is positive (and finite), otherwise its default.
   *
   * @param override a per-sender rate from configuration or the number's record; null for none
   */
  public double rateFor(SenderClass sender, Double override) {
    if (override != null && override > 0 && Double.isFinite(override)) {
      return override;
    }
    return rateFor(sender);
  }

  /**
   * Kind and country of a {@code From}: an E.164 number (toll-free when it is a NANP toll-free
   * area code, otherwise a long code), a short code, or an alphanumeric sender ID.
   *
   * @throws IllegalArgumentException when the text is none of these (validation has already
   *     refused such senders, so this is a programming error)
   */
  public static SenderClass classify(String from) {
    if (from == null || from.isBlank()) {
      throw new IllegalArgumentException("no sender");
    }
    if (from.startsWith("+")) {
      Optional<ParsedNumber> parsed = PhoneNumbers.parseE164(from);
      ParsedNumber number = parsed.orElseThrow(
          () -> new IllegalArgumentException("not an E.164 number: " + from));
      return new SenderClass(isNanpTollFree(number.e164()) ? SenderKind.TOLL_FREE
          : SenderKind.LONG_CODE, number.regionCode());
    }
    if (PhoneNumbers.isShortCode(from)) {
      return new SenderClass(SenderKind.SHORT_CODE, null);
    }
    if (AlphaSenderId.isValid(from)) {
      return new SenderClass(SenderKind.ALPHANUMERIC, null);
    }
    throw new IllegalArgumentException("not a phone number, short code or sender ID: " + from);
  }

  private static boolean isNanpTollFree(String e164) {
    return e164.length() == 12 && e164.startsWith("+1")
        && NANP_TOLL_FREE_AREA_CODES.contains(e164.substring(2, 5));
  }

  static double requireValidRate(double rate, String name) {
    if (!(rate > 0) || !Double.isFinite(rate)) {
      throw new IllegalArgumentException(name + " must be a positive number of segments per second: "
          + rate);
    }
    return rate;
  }
}
