package io.tern.message;

/**
 * Alphanumeric sender IDs (reference §10): 1–11 characters from letters, digits, space and
 * {@code + - & _}, with at least one letter.
 */
public final class AlphaSenderId {
  private AlphaSenderId() {}

  public static boolean isValid(String text) {
    if (text == null || text.isEmpty() || text.length() > 11) {
      return false;
    }
    boolean hasLetter = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
      boolean allowed = letter || (c >= '0' && c <= '9') || c == ' ' || c == '+' || c == '-'
          || c == '&' || c == '_';
      if (!allowed) {
        return false;
      }
      hasLetter |= letter;
    }
    return hasLetter;
  }
}
