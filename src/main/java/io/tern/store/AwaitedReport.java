package io.tern.store;

import java.util.List;

/**
 * A message a carrier connection accepted and has not reported yet: still {@code sent}, with the
 * carrier's ids of its parts in part order.
 */
public record AwaitedReport(String messageSid, String to, List<String> carrierIds) {
  public AwaitedReport {
    carrierIds = List.copyOf(carrierIds);
  }
}
