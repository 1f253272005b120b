package io.tern.account;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

/** What Twilio shows about a number besides its digits: its default name and its type. */
final class NumberDescription {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private NumberDescription() {}

  /**
   * The default FriendlyName: "(415) 555-0100" for North American numbers as Twilio writes
   * them, the international form ("+44 7700 900123") elsewhere.
   */
  static String friendlyName(String e164) {
    Phonenumber.PhoneNumber number = parse(e164);
    if (number == null) {
      return e164;
    }
    return UTIL.format(number, number.getCountryCode() == 1
        ? PhoneNumberUtil.PhoneNumberFormat.NATIONAL
        : PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
  }

  /** The {@code type} field: {@code toll-free}, {@code mobile} or {@code local}. */
  static String type(String e164) {
    Phonenumber.PhoneNumber number = parse(e164);
    if (number == null) {
      return "local";
    }
    return switch (UTIL.getNumberType(number)) {
      case TOLL_FREE -> "toll-free";
      case MOBILE -> "mobile";
      default -> "local";
    };
  }

  private static Phonenumber.PhoneNumber parse(String e164) {
    try {
      return UTIL.parse(e164, "ZZ");
    } catch (NumberParseException notANumber) {
      return null;
    }
  }
}
