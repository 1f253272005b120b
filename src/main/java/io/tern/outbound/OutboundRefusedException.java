package io.tern.outbound;

import java.util.Optional;

/**
 * Tern will not connect to this URL: it is not a valid http or https URL (scheme, host, port),
 * or its host is or resolves to an address {@link OutboundRules} refuses. The message names the
 * resolved address, which is for logs; answers to API clients use {@link #explanation()}, which
 * leaves it out, since it tells an outsider how internal names resolve.
 */
public final class OutboundRefusedException extends RuntimeException {
  private final String url;
  private final String reason;
  private final Refusal refusal;

  /** A URL Tern cannot connect to whatever the rules say (scheme, host, port). */
  public OutboundRefusedException(String url, String reason) {
    this(url, reason, null);
  }

  /** A URL whose address the rules refuse. */
  public OutboundRefusedException(String url, Refusal refusal) {
    this(url, refusal.reason(), refusal);
  }

  private OutboundRefusedException(String url, String reason, Refusal refusal) {
    super("Refused outbound connection to " + url + ": " + reason, null, false, false);
    this.url = url;
    this.reason = reason;
    this.refusal = refusal;
  }

  public String url() {
    return url;
  }

  /** For logs: may name the resolved address. */
  public String reason() {
    return reason;
  }

  /** The rule that refused the address, when it was the address and not the URL's form. */
  public Optional<Refusal> refusal() {
    return Optional.ofNullable(refusal);
  }

  /**
   * For whoever set the URL: what is wrong without the resolved address, and for a refused
   * address the rule and the setting that opens it.
   */
  public String explanation() {
    return refusal == null ? reason : refusal.explanation();
  }
}
