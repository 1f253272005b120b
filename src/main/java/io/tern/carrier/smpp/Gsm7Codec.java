package io.tern.carrier.smpp;

import io.tern.message.text.Gsm7Alphabet;
import java.io.ByteArrayOutputStream;

/**
 * GSM 03.38 text as SMPP carries it with data_coding 0: unpacked, one septet per octet, an
 * extension character as ESC (0x1B) and its code. The SMSC packs septets for the air.
 */
final class Gsm7Codec {
  private static final int ESCAPE = 0x1B;
  private static final String EXTENSION = Gsm7Alphabet.EXTENSION;
  // The code after ESC of each extension character, in EXTENSION's order.
  private static final int[] EXTENSION_CODES = {0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65};

  private Gsm7Codec() {}

  /** Unpacked septets; a character outside the alphabet becomes '?'. */
  static byte[] encode(CharSequence text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int extension = EXTENSION.indexOf(c);
      if (extension >= 0) {
        out.write(ESCAPE);
        out.write(EXTENSION_CODES[extension]);
        continue;
      }
      int code = c == ESCAPE ? -1 : Gsm7Alphabet.BASIC.indexOf(c);
      out.write(code >= 0 ? code : '?');
    }
    return out.toByteArray();
  }

  static String decode(byte[] septets, int offset) {
    StringBuilder text = new StringBuilder(septets.length);
    for (int i = offset; i < septets.length; i++) {
      int code = septets[i] & 0x7F;
      if (code == ESCAPE && i + 1 < septets.length) {
        int next = septets[++i] & 0x7F;
        int extension = -1;
        for (int e = 0; e < EXTENSION_CODES.length; e++) {
          if (EXTENSION_CODES[e] == next) {
            extension = e;
          }
        }
        // An unknown escape shows the basic character, as handsets do.
        text.append(extension >= 0 ? EXTENSION.charAt(extension) : Gsm7Alphabet.BASIC.charAt(next));
      } else if (code != ESCAPE) {
        text.append(Gsm7Alphabet.BASIC.charAt(code));
      }
    }
    return text.toString();
  }
}
