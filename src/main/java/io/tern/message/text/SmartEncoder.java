package io.tern.message.text;

/**
 * Twilio's Smart Encoding: Unicode look-alikes (curly quotes, dashes, ellipsis, fullwidth forms,
 * odd spaces, zero-width characters...) replaced by GSM-7 characters so that text pasted from a
 * word processor is not billed as UCS-2. The table is the one Twilio's own segment calculator
 * emulates (270 entries), with the two departures noted beside them.
 */
public final class SmartEncoder {
  private SmartEncoder() {}

  /**
   * {@code text} with every look-alike replaced; characters without one are left as they are.
   * Returns {@code text} itself when nothing needs replacing, so the common case allocates nothing.
   */
  public static String apply(String text) {
    if (text == null) {
      return null;
    }
    int n = text.length();
    int first = 0;
    while (first < n && lookAlike(text.charAt(first)) == null) {
      first++;
    }
    if (first == n) {
      return text;
    }
    StringBuilder out = new StringBuilder(n + 16).append(text, 0, first);
    for (int i = first; i < n; i++) {
      char c = text.charAt(i);
      String replacement = lookAlike(c);
      if (replacement == null) {
        out.append(c);
      } else {
        out.append(replacement);
      }
    }
    return out.toString();
  }

  /**
   * The body Twilio sends when Smart Encoding is on: the replaced text when that is GSM-7 from
   * end to end, otherwise the original unchanged. Twilio only converts a message with no
   * character left that it cannot convert (an emoji, kanji...). Such a message goes as UCS-2
   * either way, and sending the original keeps "½" one unit rather than three.
   */
  public static String encode(String text) {
    String replaced = apply(text);
    if (replaced == text) {
      return text;
    }
    return Gsm7Alphabet.canEncode(replaced) ? replaced : text;
  }

  /**
   * The GSM-7 replacement for {@code c}, possibly empty (the character is dropped) or longer than
   * one character; null when {@code c} has no look-alike. None of the keys is itself in GSM-7
   * and every replacement is, which a test holds the table to.
   */
  static String lookAlike(char c) {
    // Printable ASCII is by far the most common input; only the backtick in it has a look-alike.
    if (c >= ' ' && c < 0x7F && c != '`') {
      return null;
    }
    return switch (c) {
      case '\u00AB', // LEFT-POINTING DOUBLE ANGLE QUOTATION MARK
          '\u00BB', // RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK
          '\u201C', // LEFT DOUBLE QUOTATION MARK
          '\u201D', // RIGHT DOUBLE QUOTATION MARK
          '\u02BA', // MODIFIER LETTER DOUBLE PRIME
          '\u02EE', // MODIFIER LETTER DOUBLE APOSTROPHE
          '\u201F', // DOUBLE HIGH-REVERSED-9 QUOTATION MARK
          '\u275D', // HEAVY DOUBLE TURNED COMMA QUOTATION MARK ORNAMENT
          '\u275E', // HEAVY DOUBLE COMMA QUOTATION MARK ORNAMENT
          '\u301D', // REVERSED DOUBLE PRIME QUOTATION MARK
          '\u301E', // DOUBLE PRIME QUOTATION MARK
          '\uFF02', // FULLWIDTH QUOTATION MARK
          '\u201E' // DOUBLE LOW-9 QUOTATION MARK
          -> "\"";
      case '\u2018', // LEFT SINGLE QUOTATION MARK
          '\u2019', // RIGHT SINGLE QUOTATION MARK
          '\u02BB', // MODIFIER LETTER TURNED COMMA
          '\u02C8', // MODIFIER LETTER VERTICAL LINE
          '\u02BC', // MODIFIER LETTER APOSTROPHE
          '\u02BD', // MODIFIER LETTER REVERSED COMMA
          '\u02B9', // MODIFIER LETTER PRIME
          '\u201B', // SINGLE HIGH-REVERSED-9 QUOTATION MARK
          '\uFF07', // FULLWIDTH APOSTROPHE
          '\u00B4', // ACUTE ACCENT
          '\u02CA', // MODIFIER LETTER ACUTE ACCENT
          '\u0060', // GRAVE ACCENT
          '\u02CB', // MODIFIER LETTER GRAVE ACCENT
          '\u275B', // HEAVY SINGLE TURNED COMMA QUOTATION MARK ORNAMENT
          '\u275C', // HEAVY SINGLE COMMA QUOTATION MARK ORNAMENT
          '\u0313', // COMBINING COMMA ABOVE
          '\u0314', // COMBINING REVERSED COMMA ABOVE
          '\uFE10', // PRESENTATION FORM FOR VERTICAL COMMA
          '\uFE11', // PRESENTATION FORM FOR VERTICAL IDEOGRAPHIC COMMA
          '\u2017' // DOUBLE LOW LINE
          -> "'";
      case '\u00F7', // DIVISION SIGN
          '\u29F8', // BIG SOLIDUS
          '\u0337', // COMBINING SHORT SOLIDUS OVERLAY
          '\u0338', // COMBINING LONG SOLIDUS OVERLAY
          '\u2044', // FRACTION SLASH
          '\u2215', // DIVISION SLASH
          '\uFF0F' // FULLWIDTH SOLIDUS
          -> "/";
      case '\u00BC' // VULGAR FRACTION ONE QUARTER
          -> "1/4";
      case '\u00BD' // VULGAR FRACTION ONE HALF
          -> "1/2";
      case '\u00BE' // VULGAR FRACTION THREE QUARTERS
          -> "3/4";
      case '\u29F9', // BIG REVERSE SOLIDUS
          '\u29F5', // REVERSE SOLIDUS OPERATOR
          '\u20E5', // COMBINING REVERSE SOLIDUS OVERLAY
          '\uFE68', // SMALL REVERSE SOLIDUS
          '\uFF3C' // FULLWIDTH REVERSE SOLIDUS
          -> "\\";
      case '\u0332', // COMBINING LOW LINE
          '\uFF3F' // FULLWIDTH LOW LINE
          -> "_";
      case '\u20D2', // COMBINING LONG VERTICAL LINE OVERLAY
          '\u20D3', // COMBINING SHORT VERTICAL LINE OVERLAY
          '\u2223', // DIVIDES
          '\uFF5C', // FULLWIDTH VERTICAL LINE
          '\u23B8', // LEFT VERTICAL BOX LINE
          '\u23B9', // RIGHT VERTICAL BOX LINE
          '\u23D0', // VERTICAL LINE EXTENSION
          '\u239C', // LEFT PARENTHESIS EXTENSION
          '\u239F' // RIGHT PARENTHESIS EXTENSION
          -> "|";
      case '\u23BC', // HORIZONTAL SCAN LINE-7
          '\u23BD', // HORIZONTAL SCAN LINE-9
          '\u2015', // HORIZONTAL BAR
          '\uFE63', // SMALL HYPHEN-MINUS
          '\uFF0D', // FULLWIDTH HYPHEN-MINUS
          '\u2010', // HYPHEN
          '\u2043', // HYPHEN BULLET
          '\u2014', // EM DASH
          '\u2013', // EN DASH
          '\u2022' // BULLET
          -> "-";
      case '\uFE6B', // SMALL COMMERCIAL AT
          '\uFF20' // FULLWIDTH COMMERCIAL AT
          -> "@";
      case '\uFE69', // SMALL DOLLAR SIGN
          '\uFF04' // FULLWIDTH DOLLAR SIGN
          -> "$";
      case '\u01C3', // LATIN LETTER RETROFLEX CLICK
          '\uFE15', // PRESENTATION FORM FOR VERTICAL EXCLAMATION MARK
          '\uFE57', // SMALL EXCLAMATION MARK
          '\uFF01' // FULLWIDTH EXCLAMATION MARK
          -> "!";
      case '\uFE5F', // SMALL NUMBER SIGN
          '\uFF03' // FULLWIDTH NUMBER SIGN
          -> "#";
      case '\uFE6A', // SMALL PERCENT SIGN
          '\uFF05' // FULLWIDTH PERCENT SIGN
          -> "%";
      case '\uFE60', // SMALL AMPERSAND
          '\uFF06' // FULLWIDTH AMPERSAND
          -> "&";
      case '\u201A', // SINGLE LOW-9 QUOTATION MARK
          '\u0326', // COMBINING COMMA BELOW
          '\uFE50', // SMALL COMMA
          '\uFE51', // SMALL IDEOGRAPHIC COMMA
          '\uFF0C', // FULLWIDTH COMMA
          '\uFF64', // HALFWIDTH IDEOGRAPHIC COMMA
          '\u3001' // IDEOGRAPHIC COMMA
          -> ",";
      case '\u2768', // MEDIUM LEFT PARENTHESIS ORNAMENT
          '\u276A', // MEDIUM FLATTENED LEFT PARENTHESIS ORNAMENT
          '\uFE59', // SMALL LEFT PARENTHESIS
          '\uFF08', // FULLWIDTH LEFT PARENTHESIS
          '\u27EE', // MATHEMATICAL LEFT FLATTENED PARENTHESIS
          '\u2985' // LEFT WHITE PARENTHESIS
          -> "(";
      case '\u2769', // MEDIUM RIGHT PARENTHESIS ORNAMENT
          '\u276B', // MEDIUM FLATTENED RIGHT PARENTHESIS ORNAMENT
          '\uFE5A', // SMALL RIGHT PARENTHESIS
          '\uFF09', // FULLWIDTH RIGHT PARENTHESIS
          '\u27EF', // MATHEMATICAL RIGHT FLATTENED PARENTHESIS
          '\u2986' // RIGHT WHITE PARENTHESIS
          -> ")";
      case '\u204E', // LOW ASTERISK
          '\u2217', // ASTERISK OPERATOR
          '\u229B', // CIRCLED ASTERISK OPERATOR
          '\u2722', // FOUR TEARDROP-SPOKED ASTERISK
          '\u2723', // FOUR BALLOON-SPOKED ASTERISK
          '\u2724', // HEAVY FOUR BALLOON-SPOKED ASTERISK
          '\u2725', // FOUR CLUB-SPOKED ASTERISK
          '\u2731', // HEAVY ASTERISK
          '\u2732', // OPEN CENTRE ASTERISK
          '\u2733', // EIGHT SPOKED ASTERISK
          '\u273A', // SIXTEEN POINTED ASTERISK
          '\u273B', // TEARDROP-SPOKED ASTERISK
          '\u273C', // OPEN CENTRE TEARDROP-SPOKED ASTERISK
          '\u273D', // HEAVY TEARDROP-SPOKED ASTERISK
          '\u2743', // HEAVY TEARDROP-SPOKED PINWHEEL ASTERISK
          '\u2749', // BALLOON-SPOKED ASTERISK
          '\u274A', // EIGHT TEARDROP-SPOKED PROPELLER ASTERISK
          '\u274B', // HEAVY EIGHT TEARDROP-SPOKED PROPELLER ASTERISK
          '\u29C6', // SQUARED ASTERISK
          '\uFE61', // SMALL ASTERISK
          '\uFF0A' // FULLWIDTH ASTERISK
          -> "*";
      case '\u02D6', // MODIFIER LETTER PLUS SIGN
          '\uFE62', // SMALL PLUS SIGN
          '\uFF0B' // FULLWIDTH PLUS SIGN
          -> "+";
      case '\u3002', // IDEOGRAPHIC FULL STOP
          '\uFE52', // SMALL FULL STOP
          '\uFF0E', // FULLWIDTH FULL STOP
          '\uFF61' // HALFWIDTH IDEOGRAPHIC FULL STOP
          -> ".";
      case '\uFF10' // FULLWIDTH DIGIT ZERO
          -> "0";
      case '\uFF11' // FULLWIDTH DIGIT ONE
          -> "1";
      case '\uFF12' // FULLWIDTH DIGIT TWO
          -> "2";
      case '\uFF13' // FULLWIDTH DIGIT THREE
          -> "3";
      case '\uFF14' // FULLWIDTH DIGIT FOUR
          -> "4";
      case '\uFF15' // FULLWIDTH DIGIT FIVE
          -> "5";
      case '\uFF16' // FULLWIDTH DIGIT SIX
          -> "6";
      case '\uFF17' // FULLWIDTH DIGIT SEVEN
          -> "7";
      case '\uFF18' // FULLWIDTH DIGIT EIGHT
          -> "8";
      case '\uFF19' // FULLWIDTH DIGIT NINE
          -> "9";
      case '\u02D0', // MODIFIER LETTER TRIANGULAR COLON
          '\u02F8', // MODIFIER LETTER RAISED COLON
          '\u2982', // Z NOTATION TYPE COLON
          '\uA789', // MODIFIER LETTER COLON
          '\uFE13', // PRESENTATION FORM FOR VERTICAL COLON
          '\uFF1A' // FULLWIDTH COLON
          -> ":";
      case '\u204F', // REVERSED SEMICOLON
          '\uFE14', // PRESENTATION FORM FOR VERTICAL SEMICOLON
          '\uFE54', // SMALL SEMICOLON
          '\uFF1B' // FULLWIDTH SEMICOLON
          -> ";";
      case '\uFE64', // SMALL LESS-THAN SIGN
          '\uFF1C', // FULLWIDTH LESS-THAN SIGN
          // The calculator swaps the single angle quotes (‹ to >, › to <); Tern keeps the
          // direction the glyph points, as a look-alike should.
          '\u2039' // SINGLE LEFT-POINTING ANGLE QUOTATION MARK
          -> "<";
      case '\u0347', // COMBINING EQUALS SIGN BELOW
          '\uA78A', // MODIFIER LETTER SHORT EQUALS SIGN
          '\uFE66', // SMALL EQUALS SIGN
          '\uFF1D' // FULLWIDTH EQUALS SIGN
          -> "=";
      case '\uFE65', // SMALL GREATER-THAN SIGN
          '\uFF1E', // FULLWIDTH GREATER-THAN SIGN
          '\u203A' // SINGLE RIGHT-POINTING ANGLE QUOTATION MARK
          -> ">";
      case '\uFE16', // PRESENTATION FORM FOR VERTICAL QUESTION MARK
          '\uFE56', // SMALL QUESTION MARK
          '\uFF1F' // FULLWIDTH QUESTION MARK
          -> "?";
      case '\uFF21', // FULLWIDTH LATIN CAPITAL LETTER A
          '\u1D00' // LATIN LETTER SMALL CAPITAL A
          -> "A";
      case '\uFF22', // FULLWIDTH LATIN CAPITAL LETTER B
          '\u0299' // LATIN LETTER SMALL CAPITAL B
          -> "B";
      case '\uFF23', // FULLWIDTH LATIN CAPITAL LETTER C
          '\u1D04' // LATIN LETTER SMALL CAPITAL C
          -> "C";
      case '\uFF24', // FULLWIDTH LATIN CAPITAL LETTER D
          '\u1D05' // LATIN LETTER SMALL CAPITAL D
          -> "D";
      case '\uFF25', // FULLWIDTH LATIN CAPITAL LETTER E
          '\u1D07' // LATIN LETTER SMALL CAPITAL E
          -> "E";
      case '\uFF26', // FULLWIDTH LATIN CAPITAL LETTER F
          '\uA730' // LATIN LETTER SMALL CAPITAL F
          -> "F";
      case '\uFF27', // FULLWIDTH LATIN CAPITAL LETTER G
          '\u0262' // LATIN LETTER SMALL CAPITAL G
          -> "G";
      case '\uFF28', // FULLWIDTH LATIN CAPITAL LETTER H
          '\u029C' // LATIN LETTER SMALL CAPITAL H
          -> "H";
      case '\uFF29', // FULLWIDTH LATIN CAPITAL LETTER I
          '\u026A' // LATIN LETTER SMALL CAPITAL I
          -> "I";
      case '\uFF2A', // FULLWIDTH LATIN CAPITAL LETTER J
          '\u1D0A' // LATIN LETTER SMALL CAPITAL J
          -> "J";
      case '\uFF2B', // FULLWIDTH LATIN CAPITAL LETTER K
          '\u1D0B' // LATIN LETTER SMALL CAPITAL K
          -> "K";
      case '\uFF2C', // FULLWIDTH LATIN CAPITAL LETTER L
          '\u029F' // LATIN LETTER SMALL CAPITAL L
          -> "L";
      case '\uFF2D', // FULLWIDTH LATIN CAPITAL LETTER M
          '\u1D0D' // LATIN LETTER SMALL CAPITAL M
          -> "M";
      case '\uFF2E', // FULLWIDTH LATIN CAPITAL LETTER N
          '\u0274' // LATIN LETTER SMALL CAPITAL N
          -> "N";
      case '\uFF2F', // FULLWIDTH LATIN CAPITAL LETTER O
          '\u1D0F' // LATIN LETTER SMALL CAPITAL O
          -> "O";
      case '\uFF30', // FULLWIDTH LATIN CAPITAL LETTER P
          '\u1D18' // LATIN LETTER SMALL CAPITAL P
          -> "P";
      case '\uFF31' // FULLWIDTH LATIN CAPITAL LETTER Q
          -> "Q";
      case '\uFF32', // FULLWIDTH LATIN CAPITAL LETTER R
          '\u0280' // LATIN LETTER SMALL CAPITAL R
          -> "R";
      case '\uFF33', // FULLWIDTH LATIN CAPITAL LETTER S
          '\uA731' // LATIN LETTER SMALL CAPITAL S
          -> "S";
      case '\uFF34', // FULLWIDTH LATIN CAPITAL LETTER T
          '\u1D1B' // LATIN LETTER SMALL CAPITAL T
          -> "T";
      case '\uFF35', // FULLWIDTH LATIN CAPITAL LETTER U
          '\u1D1C' // LATIN LETTER SMALL CAPITAL U
          -> "U";
      case '\uFF36', // FULLWIDTH LATIN CAPITAL LETTER V
          '\u1D20' // LATIN LETTER SMALL CAPITAL V
          -> "V";
      case '\uFF37', // FULLWIDTH LATIN CAPITAL LETTER W
          '\u1D21' // LATIN LETTER SMALL CAPITAL W
          -> "W";
      case '\uFF38' // FULLWIDTH LATIN CAPITAL LETTER X
          -> "X";
      case '\uFF39', // FULLWIDTH LATIN CAPITAL LETTER Y
          '\u028F' // LATIN LETTER SMALL CAPITAL Y
          -> "Y";
      case '\uFF3A', // FULLWIDTH LATIN CAPITAL LETTER Z
          '\u1D22' // LATIN LETTER SMALL CAPITAL Z
          -> "Z";
      case '\u02C6', // MODIFIER LETTER CIRCUMFLEX ACCENT
          '\u0302', // COMBINING CIRCUMFLEX ACCENT
          '\uFF3E', // FULLWIDTH CIRCUMFLEX ACCENT
          '\u1DCD' // COMBINING DOUBLE CIRCUMFLEX ABOVE
          -> "^";
      case '\u2774', // MEDIUM LEFT CURLY BRACKET ORNAMENT
          '\uFE5B', // SMALL LEFT CURLY BRACKET
          '\uFF5B' // FULLWIDTH LEFT CURLY BRACKET
          -> "{";
      case '\u2775', // MEDIUM RIGHT CURLY BRACKET ORNAMENT
          '\uFE5C', // SMALL RIGHT CURLY BRACKET
          '\uFF5D' // FULLWIDTH RIGHT CURLY BRACKET
          -> "}";
      case '\uFF3B' // FULLWIDTH LEFT SQUARE BRACKET
          -> "[";
      case '\uFF3D' // FULLWIDTH RIGHT SQUARE BRACKET
          -> "]";
      case '\u02DC', // SMALL TILDE
          '\u02F7', // MODIFIER LETTER LOW TILDE
          '\u0303', // COMBINING TILDE
          '\u0330', // COMBINING TILDE BELOW
          '\u0334', // COMBINING TILDE OVERLAY
          '\u223C', // TILDE OPERATOR
          '\uFF5E' // FULLWIDTH TILDE
          -> "~";
      // One space each: the look-alike of a space is one space. Twilio's calculator writes two
      // for most of these, which would lengthen the text and could add a segment for nothing.
      case '\u00A0', // NO-BREAK SPACE
          '\u2000', // EN QUAD
          '\u2002', // EN SPACE
          '\u2003', // EM SPACE
          '\u2004', // THREE-PER-EM SPACE
          '\u2005', // FOUR-PER-EM SPACE
          '\u2006', // SIX-PER-EM SPACE
          '\u2007', // FIGURE SPACE
          '\u2008', // PUNCTUATION SPACE
          '\u2009', // THIN SPACE
          '\u200A', // HAIR SPACE
          '\u202F', // NARROW NO-BREAK SPACE
          '\u205F', // MEDIUM MATHEMATICAL SPACE
          '\u3000', // IDEOGRAPHIC SPACE
          '\u008D', // REVERSE LINE FEED
          '\u009F', // APPLICATION PROGRAM COMMAND
          '\u0080', // PADDING CHARACTER (C1)
          '\u0090', // DEVICE CONTROL STRING
          '\u009B', // CONTROL SEQUENCE INTRODUCER
          '\u2028', // LINE SEPARATOR
          '\u2029', // PARAGRAPH SEPARATOR
          '\u2001' // EM QUAD
          -> " ";
      case '\u0010', // DATA LINK ESCAPE
          '\u0000', // NULL
          '\u0003', // END OF TEXT
          '\u0004', // END OF TRANSMISSION
          '\u0017', // END OF TRANSMISSION BLOCK
          '\u0019', // END OF MEDIUM
          '\u0011', // DEVICE CONTROL ONE
          '\u0012', // DEVICE CONTROL TWO
          '\u0013', // DEVICE CONTROL THREE
          '\u0014', // DEVICE CONTROL FOUR
          '\u2060', // WORD JOINER
          '\u200B', // ZERO WIDTH SPACE
          '\uFEFF' // ZERO WIDTH NO-BREAK SPACE
          -> "";
      // Seven spaces is the calculator's value; Tern has no better source, so it stays.
      case '\u0009' // CHARACTER TABULATION
          -> "       ";
      case '\u203C' // DOUBLE EXCLAMATION MARK
          -> "!!";
      case '\u2026' // HORIZONTAL ELLIPSIS
          -> "...";
      default -> null;
    };
  }
}
