package io.tern.outbound;

import java.util.Optional;

/**
 * Why the outbound rules refuse an address.
 *
 * @param address the refused address as text; for logs only, since it tells an outsider how an
 *     internal name resolves
 * @param rule what the address is, as in "a loopback address" or "in the denied block 10.0.0.0/8"
 * @param remedy the setting that would open it, or empty when none can (metadata, link-local,
 *     unspecified)
 */
public record Refusal(String address, String rule, Optional<String> remedy) {

  /** "127.0.0.1 is a loopback address": the full reason, for logs. */
  public String reason() {
    return address + " is " + rule;
  }

  /**
   * The reason without the address, with the setting that opens it, for whoever set the URL:
   * "its address is a loopback address; set outbound.allowLoopback (TERN_OUTBOUND_ALLOW_LOOPBACK)
   * to true to allow it".
   */
  public String explanation() {
    return "its address is " + rule + remedy.map(key -> "; " + key).orElse("; no setting opens it");
  }
}
