package io.tern.message;

import java.util.UUID;
import java.util.regex.Pattern;

/** Twilio resource identifiers: a two-letter prefix and 32 lowercase hex digits. */
public final class Sids {
  public static final String ACCOUNT = "AC";
  public static final String MESSAGE = "SM";
  public static final String MMS_MESSAGE = "MM";
  public static final String MEDIA = "ME";
  public static final String PHONE_NUMBER = "PN";
  public static final String SHORT_CODE = "SC";
  public static final String SERVICE = "MG";
  public static final String ALPHA_SENDER = "AI";
  public static final String CALLER_ID = "PN";

  private static final Pattern SHAPE = Pattern.compile("[A-Z]{2}[0-9a-fA-F]{32}");

  private Sids() {}

  public static String generate(String prefix) {
    UUID uuid = UUID.randomUUID();
    return prefix + hex(uuid.getMostSignificantBits()) + hex(uuid.getLeastSignificantBits());
  }

  /** True when {@code sid} has the given prefix followed by 32 hex digits. */
  public static boolean isSid(String sid, String prefix) {
    return sid != null && sid.startsWith(prefix) && SHAPE.matcher(sid).matches();
  }

  /** A 32-hex-digit secret (auth tokens). */
  public static String token() {
    UUID uuid = UUID.randomUUID();
    return hex(uuid.getMostSignificantBits()) + hex(uuid.getLeastSignificantBits());
  }

  private static String hex(long value) {
    String digits = Long.toHexString(value);
    return "0".repeat(16 - digits.length()) + digits;
  }
}
