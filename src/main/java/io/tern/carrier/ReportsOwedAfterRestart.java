package io.tern.carrier;

import java.util.List;

/**
 * A connector whose far end forgets, with the process, the delivery reports it owes (the
 * simulated carrier: its "network" is this JVM). A real carrier keeps them and redelivers what
 * was not acknowledged, so its connector does not implement this.
 *
 * <p>At start the carrier verticle reads from the store every message this connection accepted
 * whose status is still {@code sent} and hands them here, so no message stays {@code sent}
 * forever because the gateway died before its report.
 */
public interface ReportsOwedAfterRestart {

  /** A message the connection accepted and never reported: its destination and ids. */
  record OwedReport(String messageSid, String to, List<String> carrierIds) {
    public OwedReport {
      carrierIds = List.copyOf(carrierIds);
    }
  }

  /** Reports these messages (again): called at start, before any submission. */
  void resumeReports(List<OwedReport> owed);
}
