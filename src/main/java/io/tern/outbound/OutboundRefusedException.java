package io.tern.outbound;

/**
 * Tern will not connect to this URL: its scheme is not http or https, it has no host, or its host
 * is or resolves to an address {@link OutboundRules} refuses. The message names the resolved
 * address, which is for logs; answers to API clients should not repeat it, since it tells an
 * outsider how internal names resolve.
 */
public final class OutboundRefusedException extends RuntimeException {
  private final String url;
  private final String reason;

  public OutboundRefusedException(String url, String reason) {
    super("Refused outbound connection to " + url + ": " + reason, null, false, false);
    this.url = url;
    this.reason = reason;
  }

  public String url() {
    return url;
  }

  public String reason() {
    return reason;
  }
}
