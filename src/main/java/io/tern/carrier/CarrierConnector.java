package io.tern.carrier;

import io.vertx.core.Future;
import io.vertx.core.Handler;

/**
 * A connection to whatever delivers messages: the simulated carrier, an SMPP bind, an HTTP
 * upstream. Implementations never block the calling event loop.
 *
 * <p>Two answers come back for each message, at different times: {@link #submit} completes
 * when the carrier has taken the message or refused it ({@code sent} or {@code failed}), and a
 * {@link DeliveryReport} may follow later ({@code delivered} or {@code undelivered}). Some
 * routes never report delivery, so {@code sent} can be the last word.
 */
public interface CarrierConnector {

  /**
   * Hands one message to the carrier. The future succeeds with the carrier's answer, accepted
   * or rejected; it fails only when the carrier could not be asked at all (connector closed,
   * connection lost), in which case the message was not handed over and may be submitted again.
   */
  Future<SubmitResult> submit(OutboundSms sms);

  /**
   * Where delivery reports go. One handler per connector; setting another replaces it. Reports
   * that arrive while no handler is set are dropped, so set it before the first submit.
   */
  void onDeliveryReport(Handler<DeliveryReport> handler);

  /**
   * Stops the connector: new submissions are refused, submissions still waiting for an answer
   * fail (they were not handed over), and the future completes once the delivery reports the
   * carrier still owes for accepted messages have been given (a restart loses no report).
   */
  Future<Void> close();
}
