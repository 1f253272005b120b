package io.tern.message.text;

/** How an SMS body travels on the air interface; decides how many characters fit a segment. */
public enum Encoding {
  GSM7("GSM-7", 160, 153),
  UCS2("UCS-2", 70, 67);

  private final String wireName;
  private final int singleSegmentUnits;
  private final int unitsPerPart;

  Encoding(String wireName, int singleSegmentUnits, int unitsPerPart) {
    this.wireName = wireName;
    this.singleSegmentUnits = singleSegmentUnits;
    this.unitsPerPart = unitsPerPart;
  }

  /** The name Twilio's tools and docs use ("GSM-7", "UCS-2"). */
  public String wireName() {
    return wireName;
  }

  /** The encoding Twilio names {@code wireName}; null for null (a message with no SMS encoding). */
  public static Encoding fromWireName(String wireName) {
    if (wireName == null) {
      return null;
    }
    for (Encoding encoding : values()) {
      if (encoding.wireName.equals(wireName)) {
        return encoding;
      }
    }
    throw new IllegalArgumentException("Unknown encoding " + wireName);
  }

  /** Units (septets or UTF-16 code units) that fit an unsplit message: 140 octets. */
  public int singleSegmentUnits() {
    return singleSegmentUnits;
  }

  /** Units that fit one part of a concatenated message, after its 6-octet user data header. */
  public int unitsPerPart() {
    return unitsPerPart;
  }
}
