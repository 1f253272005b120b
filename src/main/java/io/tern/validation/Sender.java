package io.tern.validation;

/**
 * The sender a message goes out from.
 *
 * @param value E.164 number, short code digits or alphanumeric ID
 * @param countryCode ISO country of a number or short code; null for an alphanumeric ID
 */
public record Sender(Kind kind, String value, String countryCode) {
  public enum Kind { LONG_CODE, SHORT_CODE, ALPHANUMERIC }
}
