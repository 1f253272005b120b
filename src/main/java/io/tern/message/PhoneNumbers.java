package io.tern.message;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Optional;

/** E.164 parsing with libphonenumber. Thread-safe; the util instance is immutable. */
public final class PhoneNumbers {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  /**
   * libphonenumber takes microseconds per number and every message parses two; senders and
   * many recipients repeat, and the answer for a text never changes, so recent answers are kept.
   */
  private static final java.util.Map<String, Optional<ParsedNumber>> RECENT =
      new java.util.concurrent.ConcurrentHashMap<>();
  private static final int RECENT_MAX = 65_536;

  private PhoneNumbers() {}

  /**
   * Parses a number written in E.164 ({@code +} and country code first); spaces, dashes, dots
   * and parentheses are tolerated. Empty when the text is not E.164 or the number is impossible
   * (wrong length for its country).
   */
  public static Optional<ParsedNumber> parseE164(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Optional<ParsedNumber> known = RECENT.get(text);
    if (known != null) {
      return known;
    }
    if (RECENT.size() >= RECENT_MAX) {
      RECENT.clear();
    }
    Optional<ParsedNumber> parsed = parse(text);
    RECENT.put(text, parsed);
    return parsed;
  }

  private static Optional<ParsedNumber> parse(String text) {
    String compact = text.replaceAll("[\\s().-]", "");
    if (compact.length() < 3 || compact.charAt(0) != '+' || !allDigits(compact, 1)) {
      return Optional.empty();
    }
    try {
      Phonenumber.PhoneNumber number = UTIL.parse(compact, "ZZ");
      if (!UTIL.isPossibleNumber(number)) {
        return Optional.empty();
      }
      String region = UTIL.getRegionCodeForNumber(number);
      if (region == null || "ZZ".equals(region) || "001".equals(region)) {
        region = UTIL.getRegionCodeForCountryCode(number.getCountryCode());
      }
      return Optional.of(new ParsedNumber(
          UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164),
          "ZZ".equals(region) || "001".equals(region) ? null : region));
    } catch (NumberParseException notANumber) {
      return Optional.empty();
    }
  }

  /** Short codes: 3 to 8 digits, no plus sign. */
  public static boolean isShortCode(String text) {
    return text != null && text.length() >= 3 && text.length() <= 8 && allDigits(text, 0);
  }

  public static boolean allDigits(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return text.length() > from;
  }
}
