package io.tern.message;

/** A phone number in E.164 with the ISO country it belongs to ("001" style regions map to null). */
public record ParsedNumber(String e164, String regionCode) {
  public boolean isUsOrCanada() {
    return "US".equals(regionCode) || "CA".equals(regionCode);
  }
}
