package io.tern.account;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The {@code PhoneNumber} (and {@code ShortCode}) list filter: a partial number in which
 * {@code *} stands for any one digit, matched anywhere in the value. Punctuation in the filter
 * ({@code (415) 555-****}) is ignored, as it is in the numbers themselves.
 */
final class NumberPattern {
  private NumberPattern() {}

  static Predicate<String> of(String filter) {
    StringBuilder regex = new StringBuilder();
    for (char c : filter.toCharArray()) {
      if (c >= '0' && c <= '9') {
        regex.append(c);
      } else if (c == '*') {
        regex.append("[0-9]");
      } else if (c == '+') {
        regex.append("\\+");
      }
    }
    Pattern pattern = Pattern.compile(regex.toString());
    return value -> value != null && pattern.matcher(value).find();
  }
}
