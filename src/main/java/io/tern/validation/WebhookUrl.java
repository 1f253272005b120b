package io.tern.validation;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The URLs Tern will call back (StatusCallback, service webhooks) as Twilio accepts them: absolute
 * http(s), a host name free of underscores, at most 4,000 characters. Whether Tern may connect
 * to the host is the outbound guard's question, asked when it connects.
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
          && host != null && !host.isEmpty() && host.indexOf('_') < 0;
    } catch (URISyntaxException malformed) {
      return false;
    }
  }
}
