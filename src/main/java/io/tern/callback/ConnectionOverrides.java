package io.tern.callback;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Twilio's connection overrides: a callback URL's fragment ({@code #ct=1000&rt=5000&rc=2&rp=5xx})
 * sets timeouts and retries for that URL (reference §7.1). The fragment is Tern's to read, never
 * sent: it is taken off the URL that is requested and signed ({@link #withoutFragment}).
 *
 * <ul>
 *   <li>{@code ct} connect timeout, {@code rt} read timeout (no data for that long), {@code tt}
 *       total timeout of one attempt, in milliseconds, 1 to {@value #MAX_TIMEOUT_MILLIS};
 *   <li>{@code rc} retry count: at most this many attempts after the first (the deadline still
 *       applies);
 *   <li>{@code rp} retry policy, a comma list of {@code 4xx}, {@code 5xx}, {@code ct} (connection
 *       failed or timed out), {@code rt} (read failed or timed out), {@code all}: only these
 *       failures are retried. Without it, Tern's own policy applies (connection and read
 *       failures, 5xx, 408 and 429).
 * </ul>
 *
 * Unknown keys ({@code e}, {@code sni}, Twilio's edge and SNI choices) and values that are not
 * valid are ignored, leaving the default.
 *
 * @param connectTimeoutMillis null for the configured timeout; likewise the others
 * @param retryPolicy empty for Tern's default policy
 */
public record ConnectionOverrides(
    Long connectTimeoutMillis,
    Long readTimeoutMillis,
    Long totalTimeoutMillis,
    Integer retryCount,
    Set<RetryOn> retryPolicy) {

  /** The longest timeout a URL may ask for, so one URL cannot hold a connection for hours. */
  public static final long MAX_TIMEOUT_MILLIS = 60_000;

  public static final ConnectionOverrides NONE =
      new ConnectionOverrides(null, null, null, null, Set.of());

  /** The failures a retry policy ({@code rp}) can name. */
  public enum RetryOn {
    HTTP_4XX("4xx"), HTTP_5XX("5xx"), CONNECT("ct"), READ("rt");

    private final String wire;

    RetryOn(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  public ConnectionOverrides {
    retryPolicy = retryPolicy.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(retryPolicy));
  }

  /** The overrides in {@code url}'s fragment; {@link #NONE} when it has none. */
  public static ConnectionOverrides of(String url) {
    int hash = url.indexOf('#');
    if (hash < 0) {
      return NONE;
    }
    Long ct = null;
    Long rt = null;
    Long tt = null;
    Integer rc = null;
    Set<RetryOn> rp = EnumSet.noneOf(RetryOn.class);
    for (String pair : url.substring(hash + 1).split("&")) {
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        continue;
      }
      String key = pair.substring(0, equals).strip().toLowerCase(Locale.ROOT);
      String value = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8).strip();
      switch (key) {
        case "ct" -> ct = timeout(value, ct);
        case "rt" -> rt = timeout(value, rt);
        case "tt" -> tt = timeout(value, tt);
        case "rc" -> rc = retryCount(value, rc);
        case "rp" -> rp.addAll(policy(value));
        default -> { } // e, sni and whatever Twilio adds: not Tern's to act on
      }
    }
    return new ConnectionOverrides(ct, rt, tt, rc, rp);
  }

  /** The URL to request and sign: everything before the first {@code #}. */
  public static String withoutFragment(String url) {
    int hash = url.indexOf('#');
    return hash < 0 ? url : url.substring(0, hash);
  }

  /** Whether the URL chose which failures are retried. */
  public boolean hasRetryPolicy() {
    return !retryPolicy.isEmpty();
  }

  private static Long timeout(String value, Long current) {
    try {
      long millis = Long.parseLong(value);
      return millis >= 1 && millis <= MAX_TIMEOUT_MILLIS ? Long.valueOf(millis) : current;
    } catch (NumberFormatException e) {
      return current;
    }
  }

  private static Integer retryCount(String value, Integer current) {
    try {
      int count = Integer.parseInt(value);
      return count >= 0 ? Integer.valueOf(count) : current;
    } catch (NumberFormatException e) {
      return current;
    }
  }

  private static Set<RetryOn> policy(String value) {
    Set<RetryOn> chosen = EnumSet.noneOf(RetryOn.class);
    for (String item : value.split(",")) {
      String wanted = item.strip().toLowerCase(Locale.ROOT);
      if (wanted.equals("all")) {
        return EnumSet.allOf(RetryOn.class);
      }
      for (RetryOn on : RetryOn.values()) {
        if (on.wire.equals(wanted)) {
          chosen.add(on);
        }
      }
    }
    return chosen;
  }
}
