package io.tern.carrier.smpp;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the id in a delivery receipt into the id the SMSC gave in its submit answer. Many SMSCs
 * answer a submit with a hex id and report with the same number in decimal (or the reverse),
 * some pad with zeros or change case. Tern learns which from the ids it sent recently, without
 * configuration: a receipt id found as it is wins; otherwise its other-base form is looked up,
 * and once one receipt has matched that way, receipts for ids this pod never saw (sent by
 * another pod, or before a restart) are converted the same way.
 */
public final class CarrierIds {
  private enum Conversion { NONE, DECIMAL_TO_HEX, HEX_TO_DECIMAL }

  private final Map<String, String> recent;
  private volatile Conversion learned = Conversion.NONE;
  private volatile boolean learnedUpperCase;

  /** @param capacity how many submit ids to remember (the oldest are forgotten first) */
  public CarrierIds(int capacity) {
    this.recent = new LinkedHashMap<>(1024, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Remembers an id the SMSC gave in a submit answer. */
  public synchronized void submitted(String id) {
    recent.put(key(id), id);
  }

  /** The submit id a receipt's id stands for: the remembered one, or the learned conversion. */
  public synchronized String resolve(String receiptId) {
    String asIs = recent.get(key(receiptId));
    if (asIs != null) {
      return asIs;
    }
    if (isDecimal(receiptId)) {
      String hex = recent.get(key(new BigInteger(receiptId).toString(16)));
      if (hex != null) {
        learned = Conversion.DECIMAL_TO_HEX;
        learnedUpperCase = !hex.equals(hex.toLowerCase(Locale.ROOT));
        return hex;
      }
    }
    if (isHex(receiptId)) {
      String decimal = recent.get(key(new BigInteger(receiptId, 16).toString()));
      if (decimal != null) {
        learned = Conversion.HEX_TO_DECIMAL;
        return decimal;
      }
    }
    return switch (learned) {
      case DECIMAL_TO_HEX -> isDecimal(receiptId) ? cased(new BigInteger(receiptId).toString(16)) : receiptId;
      case HEX_TO_DECIMAL -> isHex(receiptId) ? new BigInteger(receiptId, 16).toString() : receiptId;
      case NONE -> receiptId;
    };
  }

  private String cased(String hex) {
    return learnedUpperCase ? hex.toUpperCase(Locale.ROOT) : hex;
  }

  // Case and leading zeros carry no meaning in either base.
  private static String key(String id) {
    String lower = id.trim().toLowerCase(Locale.ROOT);
    int start = 0;
    while (start < lower.length() - 1 && lower.charAt(start) == '0') {
      start++;
    }
    return lower.substring(start);
  }

  private static boolean isDecimal(String id) {
    return !id.isEmpty() && id.length() <= 40 && id.chars().allMatch(Character::isDigit);
  }

  private static boolean isHex(String id) {
    return !id.isEmpty() && id.length() <= 32
        && id.chars().allMatch(c -> Character.digit(c, 16) >= 0);
  }
}
