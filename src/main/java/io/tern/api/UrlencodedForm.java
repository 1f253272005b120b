package io.tern.api;

import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;

/**
 * Decodes an {@code application/x-www-form-urlencoded} body, UTF-8, as Vert.x's form decoder
 * (Netty's) reads it: fields split at {@code &}, a name and its value at the first {@code =},
 * {@code +} as a space, {@code %XX} as a byte. A field without {@code =} has the empty value; a
 * field whose name is empty is skipped. Names lose leading and trailing whitespace and line
 * feeds, as Netty's attribute names do.
 */
final class UrlencodedForm {
  private UrlencodedForm() {}

  /**
   * Adds the fields of {@code body} to {@code into}, in order.
   *
   * @throws IllegalArgumentException a {@code %} not followed by two hex digits
   */
  static void decode(byte[] body, MultiMap into) {
    int start = 0;
    while (start < body.length) {
      int end = indexOf(body, (byte) '&', start, body.length);
      if (end > start) {
        int equals = indexOf(body, (byte) '=', start, end);
        String name = name(component(body, start, equals));
        String value = equals == end ? "" : component(body, equals + 1, end);
        if (!name.isEmpty()) {
          into.add(name, value);
        }
      }
      start = end + 1;
    }
  }

  /** Position of {@code wanted} in {@code [from, to)}, or {@code to}. */
  private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return to;
  }

  /** Bytes {@code [from, to)} unescaped and read as UTF-8. */
  private static String component(byte[] bytes, int from, int to) {
    int escape = from;
    while (escape < to && bytes[escape] != '%' && bytes[escape] != '+') {
      escape++;
    }
    if (escape == to) {
      return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }
    byte[] decoded = new byte[to - from];
    int length = escape - from;
    System.arraycopy(bytes, from, decoded, 0, length);
    for (int i = escape; i < to; i++) {
      byte b = bytes[i];
      if (b == '+') {
        decoded[length++] = ' ';
      } else if (b == '%') {
        int high = i + 2 < to ? Character.digit(bytes[i + 1], 16) : -1;
        int low = high >= 0 ? Character.digit(bytes[i + 2], 16) : -1;
        if (low < 0) {
          throw new IllegalArgumentException("Malformed percent escape in the form body");
        }
        decoded[length++] = (byte) (high << 4 | low);
        i += 2;
      } else {
        decoded[length++] = b;
      }
    }
    return new String(decoded, 0, length, StandardCharsets.UTF_8);
  }

  /**
   * Tabs and carriage returns as spaces, line feeds dropped, then trimmed of the whitespace a
   * regular expression's {@code \s} matches: Netty's attribute names.
   */
  private static String name(String raw) {
    String name = raw;
    if (name.indexOf('\r') >= 0 || name.indexOf('\t') >= 0 || name.indexOf('\n') >= 0) {
      name = name.replace('\r', ' ').replace('\t', ' ').replace("\n", "");
    }
    int start = 0;
    int end = name.length();
    while (start < end && isSpace(name.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(name.charAt(end - 1))) {
      end--;
    }
    return name.substring(start, end);
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }
}
