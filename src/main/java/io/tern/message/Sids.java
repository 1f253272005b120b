package io.tern.message;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
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

  // Random bytes drawn per thread in blocks of many sids: the default SecureRandom on Linux
  // (NativePRNG) takes one lock shared by every instance on each draw, which the event loops
  // contended for on every accepted message (two with media).
  private static final ThreadLocal<RandomBlock> RANDOM = ThreadLocal.withInitial(RandomBlock::new);
  private static final int TIME_DIGITS = 12;
  private static final int RANDOM_BYTES = 10;
  private static final int SIDS_PER_DRAW = 64;
  private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** A thread's block of SecureRandom bytes, handed out ten at a time, each byte once. */
  private static final class RandomBlock {
    private final SecureRandom random = new SecureRandom();
    private final byte[] bytes = new byte[RANDOM_BYTES * SIDS_PER_DRAW];
    private int next = bytes.length;

    /** The offset of ten fresh bytes in {@link #bytes}. */
    int take() {
      if (next == bytes.length) {
        random.nextBytes(bytes);
        next = 0;
      }
      int at = next;
      next += RANDOM_BYTES;
      return at;
    }
  }

  /**
   * A new sid: 12 hex digits of the current time in milliseconds, then 20 random ones (80
   * bits). Time first, as in UUIDv7, so sids created together sort together and a primary-key
   * index on them grows at its right edge instead of splitting pages everywhere; two sids made
   * in the same millisecond still differ by 80 random bits.
   */
  public static String generate(String prefix) {
    return generate(prefix, System.currentTimeMillis());
  }

  static String generate(String prefix, long epochMillis) {
    RandomBlock block = RANDOM.get();
    int from = block.take();
    int at = prefix.length();
    byte[] sid = new byte[at + TIME_DIGITS + 2 * RANDOM_BYTES];
    for (int i = 0; i < at; i++) {
      sid[i] = (byte) prefix.charAt(i);
    }
    for (int shift = 4 * (TIME_DIGITS - 1); shift >= 0; shift -= 4) {
      sid[at++] = HEX_DIGITS[(int) (epochMillis >>> shift) & 0xf];
    }
    for (int i = from; i < from + RANDOM_BYTES; i++) {
      byte b = block.bytes[i];
      sid[at++] = HEX_DIGITS[(b >> 4) & 0xf];
      sid[at++] = HEX_DIGITS[b & 0xf];
    }
    return new String(sid, StandardCharsets.ISO_8859_1);
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
