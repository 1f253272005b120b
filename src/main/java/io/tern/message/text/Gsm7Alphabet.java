package io.tern.message.text;

/**
 * The GSM 03.38 default alphabet as Twilio counts it: which characters an SMS can carry in
 * GSM-7 and what each costs in septets.
 */
public final class Gsm7Alphabet {
  /**
   * The basic table in GSM code order, 0x00 to 0x7F. Position 0x1B is the escape to the
   * extension table, held here by U+001B only to keep the positions; it is not a character a
   * body can use. Only upper-case Ç (U+00C7) is at 0x09, as in Twilio's calculator, so ç forces
   * UCS-2.
   */
  public static final String BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ"
          + " !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
          + "¿abcdefghijklmnopqrstuvwxyzäöñüà";

  /**
   * The extension table: each is sent as ESC plus one code, so costs 2 septets. In order, with
   * the code after ESC: form feed 0x0A, ^ 0x14, { 0x28, } 0x29, \ 0x2F, [ 0x3C, ~ 0x3D, ] 0x3E,
   * | 0x40, € 0x65.
   */
  public static final String EXTENSION = "\f^{}\\[~]|€";

  private static final char ESCAPE = 0x1B;
  private static final char EURO = '€';

  /**
   * Septets per character for every char below the table's end (the highest basic character is
   * Ω, U+03A9); 0 means not in the alphabet. Above it only € is GSM-7, handled on its own so the
   * table stays under a kilobyte.
   */
  private static final byte[] SEPTETS = new byte[0x400];

  static {
    for (int code = 0; code < BASIC.length(); code++) {
      if (code != ESCAPE) {
        SEPTETS[BASIC.charAt(code)] = 1;
      }
    }
    for (int i = 0; i < EXTENSION.length(); i++) {
      char c = EXTENSION.charAt(i);
      if (c < SEPTETS.length) {
        SEPTETS[c] = 2;
      }
    }
  }

  private Gsm7Alphabet() {}

  /** 1 for a basic character, 2 for an extension character, 0 when GSM-7 cannot carry it. */
  public static int septets(char c) {
    if (c < SEPTETS.length) {
      return SEPTETS[c];
    }
    return c == EURO ? 2 : 0;
  }

  /** True when every character of {@code text} is in the basic or extension table. */
  public static boolean canEncode(CharSequence text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      if (septets(text.charAt(i)) == 0) {
        return false;
      }
    }
    return true;
  }
}
