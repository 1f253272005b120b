package io.tern.outbound;

import io.vertx.core.Future;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The URLs Tern will call back (StatusCallback, number and service webhooks), checked when they
 * are set. Their form as Twilio accepts them: absolute http(s), a host name free of underscores, a
 * port from 1 to 65535, at most 4,000 characters ({@link #isValid}). Then whether Tern may
 * connect to their host ({@link #refusal}): a URL whose host the outbound rules refuse would
 * only see its callbacks given up later, so it is refused when it is set, saying which rule and
 * which setting. The outbound guard checks again at every connection (DNS may change).
 */
public final class WebhookUrl {
  public static final int MAX_LENGTH = 4000;

  private WebhookUrl() {}

  public static boolean isValid(String text) {
    if (text == null || text.length() > MAX_LENGTH) {
      return false;
    }
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme();
      String host = uri.getHost();
      return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
          && host != null && !host.isEmpty() && host.indexOf('_') < 0 && hasValidPort(uri);
    } catch (URISyntaxException malformed) {
      return false;
    }
  }

  /** No port, or one a connection can use: 1 to 65535. */
  public static boolean hasValidPort(URI uri) {
    return uri.getPort() == -1 || (uri.getPort() >= 1 && uri.getPort() <= 65_535);
  }

  /**
   * Why Tern would refuse to connect to a valid URL's host ({@link
   * OutboundRefusedException#explanation()} names the rule and the key that opens it), or empty
   * when it may, or when the host does not resolve yet.
   */
  public static Future<Optional<String>> refusal(OutboundGuard guard, String text) {
    return guard.screen(text).map(refused -> refused.map(OutboundRefusedException::explanation));
  }
}
