package io.tern.callback;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's {@code X-Twilio-Signature} (reference §7.2): the URL as requested, then every form
 * parameter as {@code name} immediately followed by {@code value}, sorted by name in plain
 * (case-sensitive) string order; HMAC-SHA1 of that text keyed with the auth token of the account
 * that owns the message; Base64 with padding. Receivers check it with their Twilio SDK's request
 * validator, so it must match byte for byte.
 */
public final class TwilioSignature {
  public static final String HEADER = "X-Twilio-Signature";
  private static final String ALGORITHM = "HmacSHA1";

  private TwilioSignature() {}

  /**
   * The signature of a form POST to {@code url} (no fragment: the receiver never sees it) with
   * one value per name, as Tern's callbacks have. A null value counts as empty.
   */
  public static String of(String authToken, String url, Map<String, String> params) {
    StringBuilder signed = new StringBuilder(url);
    params.keySet().stream().sorted().forEach(name -> {
      String value = params.get(name);
      signed.append(name).append(value == null ? "" : value);
    });
    return hmac(authToken, signed.toString());
  }

  /**
   * The signature with repeated names, as Twilio's Python and Node validators compute it: a
   * name's values sorted and without duplicates, {@code name+value} for each. (Java's validator
   * takes one value per name, which is why callbacks never repeat a name.)
   */
  public static String ofRepeated(String authToken, String url, Map<String, List<String>> params) {
    StringBuilder signed = new StringBuilder(url);
    params.keySet().stream().sorted().forEach(name -> {
      for (String value : new TreeSet<>(params.get(name))) {
        signed.append(name).append(value);
      }
    });
    return hmac(authToken, signed.toString());
  }

  private static String hmac(String key, String text) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // HmacSHA1 is a required algorithm of every Java platform; a key of any length is valid.
      throw new IllegalStateException("HMAC-SHA1 is not available", e);
    }
  }
}
