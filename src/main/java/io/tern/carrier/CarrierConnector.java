package io.tern.carrier;

import io.vertx.core.Future;
import java.util.function.Function;

/**
 * A connection to whatever delivers messages: the simulated carrier, an SMPP bind, an HTTP
 * upstream. Implementations never block the calling event loop.
 *
 * <p>Two answers come back for each message, at different times: {@link #submit} completes
 * when the carrier has taken the message or refused it ({@code sent} or {@code failed}), and a
 * {@link DeliveryReport} may follow later ({@code delivered} or {@code undelivered}). Some
 * routes never report delivery, so {@code sent} can be the last word. Reports name the
 * carrier's own id, never Tern's sid: the carrier knows only its ids, and a report may reach
 * any pod, before or after the submit answer is written, so it is matched through the store.
 *
 * <p>What the carrier gives Tern (reports, received messages) is acknowledged to the carrier
 * only once the handler's future succeeds, that is once it is committed; when the future fails
 * the connector tells the carrier to deliver it again (SMPP: an error in {@code deliver_sm_resp}).
 */
public interface CarrierConnector {

  /**
   * The connection's name (the configured carrier type, e.g. {@code simulated} or {@code smpp}):
   * stored with every carrier id the connection issues, since two connections may issue the
   * same id.
   */
  String name();

  /**
   * Hands one message to the carrier. The future succeeds with the carrier's answer, accepted
   * (with the carrier's id of each part) or rejected; it fails only when the message was
   * certainly not handed over (connector closed, not connected), in which case it may be
   * submitted again. A connector that cannot tell whether the carrier took a message (the link
   * dropped with the submit unanswered) follows its documented rule: it resubmits the message
   * itself (at least once, as SMPP does while it runs), or, when it closes with the answer still
   * owed, fails the future so the message stays {@code sending} and goes again at the next start.
   * Either way the duplicate risk is the carrier's unanswered submit, and only that.
   */
  Future<SubmitResult> submit(OutboundSms sms);

  /**
   * Where delivery reports go. One handler per connector; set it before the first submit. The
   * handler is called on the context that created the connector (the carrier verticle's).
   */
  void onDeliveryReport(Function<DeliveryReport, Future<Void>> handler);

  /** Where messages received from handsets go. One handler per connector; set before start. */
  void onInbound(Function<InboundSms, Future<Void>> handler);

  /**
   * Stops the connector: new submissions are refused, submissions not yet handed over fail
   * (they may be submitted again), submissions handed over get their answer or the documented
   * rule, and the future completes once the reports the connector still owes have been given.
   */
  Future<Void> close();
}
