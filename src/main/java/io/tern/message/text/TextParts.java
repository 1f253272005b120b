package io.tern.message.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a text into the parts a carrier receives, by the same rule {@link SegmentCounter} counts
 * them: a text that fits one segment (160 septets, 70 UTF-16 units) is one part; a longer one is
 * cut into parts of at most 153 septets (GSM-7) or 67 units (UCS-2). A GSM-7 extension
 * character (escape and code, 2 septets) and a UCS-2 surrogate pair are never cut: if one does
 * not fit the rest of a part, it starts the next. So for a text and the encoding
 * {@link SegmentCounter#count} gives it, {@code split(text, encoding).size()} equals its
 * segment count, and the parts joined are the text.
 */
public final class TextParts {
  private TextParts() {}

  /**
   * The parts of {@code text} in {@code encoding}; an empty or missing text is one empty part.
   *
   * @throws IllegalArgumentException when {@code encoding} is GSM-7 and the text has a character
   *     outside the GSM-7 alphabet and its extension table
   */
  public static List<String> split(String text, Encoding encoding) {
    return split(text, encoding, encoding.unitsPerPart());
  }

  /**
   * As {@link #split(String, Encoding)}, with parts of at most {@code unitsPerPart} units: for a
   * carrier whose header takes more room than the usual 6 octets (a 16-bit reference: 152
   * septets, 66 UCS-2 units). A text that fits one segment is still one part.
   */
  public static List<String> split(String text, Encoding encoding, int unitsPerPart) {
    if (unitsPerPart < 2) {
      throw new IllegalArgumentException("unitsPerPart must leave room for a surrogate pair or an escape");
    }
    if (text == null || text.isEmpty()) {
      return List.of("");
    }
    return encoding == Encoding.GSM7 ? splitGsm7(text, unitsPerPart) : splitUcs2(text, unitsPerPart);
  }

  private static List<String> splitGsm7(String text, int unitsPerPart) {
    int septets = 0;
    for (int i = 0; i < text.length(); i++) {
      septets += gsm7Cost(text, i);
    }
    if (septets <= Encoding.GSM7.singleSegmentUnits()) {
      return List.of(text);
    }
    List<String> parts = new ArrayList<>();
    int start = 0;
    int fill = 0;
    for (int i = 0; i < text.length(); i++) {
      int cost = gsm7Cost(text, i);
      if (fill + cost > unitsPerPart) {
        parts.add(text.substring(start, i));
        start = i;
        fill = 0;
      }
      fill += cost;
    }
    parts.add(text.substring(start));
    return parts;
  }

  private static int gsm7Cost(String text, int index) {
    int cost = Gsm7Alphabet.septets(text.charAt(index));
    if (cost == 0) {
      throw new IllegalArgumentException("Character U+"
          + Integer.toHexString(text.charAt(index)).toUpperCase() + " at " + index
          + " has no GSM-7 septet; send the text as UCS-2");
    }
    return cost;
  }

  private static List<String> splitUcs2(String text, int unitsPerPart) {
    int n = text.length();
    if (n <= Encoding.UCS2.singleSegmentUnits()) {
      return List.of(text);
    }
    List<String> parts = new ArrayList<>();
    int start = 0;
    int fill = 0;
    for (int i = 0; i < n; i++) {
      // A lone surrogate is malformed but still one unit on the wire, as SegmentCounter counts it.
      int cost = Character.isHighSurrogate(text.charAt(i)) && i + 1 < n
          && Character.isLowSurrogate(text.charAt(i + 1)) ? 2 : 1;
      if (fill + cost > unitsPerPart) {
        parts.add(text.substring(start, i));
        start = i;
        fill = 0;
      }
      fill += cost;
      i += cost - 1;
    }
    parts.add(text.substring(start));
    return parts;
  }
}
