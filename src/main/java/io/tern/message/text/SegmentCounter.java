package io.tern.message.text;

/**
 * Encoding and segment count of an SMS body, as Twilio reports them in {@code num_segments} and
 * as rate limits and queue caps are charged.
 *
 * <p>GSM-7 when every character is in the default alphabet (1 septet) or its extension table (2
 * septets); otherwise the whole message is UCS-2, counted in UTF-16 code units. A message that
 * fits 160 septets or 70 code units is one segment; a longer one is split into parts of 153
 * septets or 67 code units, and a unit that cannot be cut (an extension character's escape and
 * code, a surrogate pair) that does not fit the rest of a part starts the next one. Grapheme
 * clusters (an emoji with a skin-tone modifier, a flag) may be split between their code points,
 * as phones reassemble them; Twilio's calculator keeps them whole, which differs only when such a
 * cluster straddles a part boundary.
 *
 * <p>An empty (or missing) body counts as one GSM-7 segment of 0 units, as Twilio's calculator
 * does and as a media-only message reports {@code num_segments} 1. Whether an empty body is
 * allowed at all is decided elsewhere (21602).
 *
 * <p>Runs for every message: one pass over the chars for GSM-7, a second only for UCS-2 bodies
 * longer than one segment, a table look-up per char and no allocation.
 */
public final class SegmentCounter {
  private SegmentCounter() {}

  public static Segmentation count(String text) {
    if (text == null || text.isEmpty()) {
      return new Segmentation(Encoding.GSM7, 1, 0);
    }
    int n = text.length();
    int septets = 0;
    int parts = 1;
    int partFill = 0;
    int perPart = Encoding.GSM7.unitsPerPart();
    for (int i = 0; i < n; i++) {
      int cost = Gsm7Alphabet.septets(text.charAt(i));
      if (cost == 0) {
        return countUcs2(text);
      }
      septets += cost;
      if (partFill + cost > perPart) {
        parts++;
        partFill = cost;
      } else {
        partFill += cost;
      }
    }
    int segments = septets <= Encoding.GSM7.singleSegmentUnits() ? 1 : parts;
    return new Segmentation(Encoding.GSM7, segments, septets);
  }

  /** As {@link #count(String)}, on the body Smart Encoding would send when it is on. */
  public static Segmentation count(String text, boolean smartEncoded) {
    return count(smartEncoded ? SmartEncoder.encode(text) : text);
  }

  private static Segmentation countUcs2(String text) {
    int n = text.length();
    if (n <= Encoding.UCS2.singleSegmentUnits()) {
      return new Segmentation(Encoding.UCS2, 1, n);
    }
    int parts = 1;
    int partFill = 0;
    int perPart = Encoding.UCS2.unitsPerPart();
    for (int i = 0; i < n; i++) {
      // A lone surrogate is malformed but still one code unit on the wire.
      int cost =
          Character.isHighSurrogate(text.charAt(i))
                  && i + 1 < n
                  && Character.isLowSurrogate(text.charAt(i + 1))
              ? 2
              : 1;
      i += cost - 1;
      if (partFill + cost > perPart) {
        parts++;
        partFill = cost;
      } else {
        partFill += cost;
      }
    }
    return new Segmentation(Encoding.UCS2, parts, n);
  }
}
