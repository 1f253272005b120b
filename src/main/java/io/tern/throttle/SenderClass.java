package io.tern.throttle;

import java.util.Objects;

/**
 * A sender's kind and country, which together pick its default rate.
 *
 * @param country ISO 3166 region of a phone number ("US", "GB"); null when the sender text does
 *     not say (short codes, alphanumeric IDs)
 */
public record SenderClass(SenderKind kind, String country) {
  public SenderClass {
    Objects.requireNonNull(kind, "kind");
  }

  public boolean isUsOrCanada() {
    return "US".equals(country) || "CA".equals(country);
  }
}
