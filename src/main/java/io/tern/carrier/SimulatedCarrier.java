package io.tern.carrier;

import io.tern.message.MessageStatus;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The default carrier: it delivers nothing, but answers like a carrier would. Each submission
 * is accepted (with ids of its own, one per segment) or rejected after
 * {@code submitLatencyMillis}; an accepted one gets a delivery report per part
 * {@code deliveryReportDelayMillis} later. What happens depends only on the destination number
 * (see {@link SimulatedCarrierOptions#outcomes()}), so tests and demos are repeatable.
 *
 * <p>Like a real carrier it repeats a report until the handler acknowledges it (the handler's
 * future succeeds). Unlike one, it forgets the reports it owes when the process dies; the
 * carrier verticle therefore hands it, at start, every message it accepted and never reported
 * (read from the store, see {@link ReportsOwedAfterRestart}), and it reports those again.
 *
 * <p>Everything runs on Vert.x timers, on the context that called {@link #submit}: the submit
 * future and the handlers run there.
 */
public final class SimulatedCarrier implements CarrierConnector, ReportsOwedAfterRestart {
  /** Redelivery of a report or message the handler refused: first after this, then doubling. */
  static final long FIRST_REDELIVERY_MILLIS = 200;
  static final long MAX_REDELIVERY_MILLIS = 30_000;

  /** Ways a destination can make the carrier misbehave, for tests and demos of the seam. */
  public enum Quirk {
    /** The delivery report comes before the answer to the submission. */
    REPORT_BEFORE_ANSWER,
    /** Each delivery report comes twice. */
    REPORT_TWICE
  }

  private final Vertx vertx;
  private final SimulatedCarrierOptions options;
  private final SubmissionLog log;
  private final Clock clock;
  private final Map<String, Set<Quirk>> quirks = new ConcurrentHashMap<>();
  // Timers not yet fired: close() cancels the unanswered submissions and waits for the reports.
  // A timer that fires removes itself first, so exactly one of "fire" and "cancel" happens.
  private final Set<Scheduled> pending = ConcurrentHashMap.newKeySet();
  private volatile Function<DeliveryReport, Future<Void>> reportHandler =
      report -> Future.failedFuture("no delivery report handler");
  private volatile Function<InboundSms, Future<Void>> inboundHandler =
      sms -> Future.failedFuture("no inbound handler");
  private volatile boolean closed;
  private final Promise<Void> drained = Promise.promise();

  public SimulatedCarrier(Vertx vertx, SimulatedCarrierOptions options) {
    this(vertx, options, Clock.systemUTC());
  }

  /** With the clock that stamps submissions and delivery reports' done dates. */
  public SimulatedCarrier(Vertx vertx, SimulatedCarrierOptions options, Clock clock) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.options = Objects.requireNonNull(options, "options");
    this.log = options.log() != null ? options.log() : new SubmissionLog();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The log this carrier records into: the one from its options, or its own. */
  public SubmissionLog submissionLog() {
    return log;
  }

  public SimulatedCarrierOptions options() {
    return options;
  }

  /** Makes messages to {@code to} meet the quirk from now on. */
  public SimulatedCarrier script(String to, Quirk quirk) {
    quirks.computeIfAbsent(to, ignored -> EnumSet.noneOf(Quirk.class)).add(quirk);
    return this;
  }

  @Override
  public String name() {
    return CarrierConnectors.SIMULATED;
  }

  @Override
  public Future<SubmitResult> submit(OutboundSms sms) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("The simulated carrier is closed"));
    }
    Promise<SubmitResult> answer = Promise.promise();
    schedule(options.submitLatencyMillis(),
        () -> {
          Outcome outcome = options.outcomeFor(sms.to());
          SubmitResult result = answer(sms, outcome);
          if (has(sms.to(), Quirk.REPORT_BEFORE_ANSWER) && outcome.reportsDelivery()) {
            result.carrierMessageIds().forEach(id -> report(sms.to(), id, outcome));
            vertx.setTimer(Math.max(1, options.deliveryReportDelayMillis()),
                id -> answer.complete(result));
            return;
          }
          // Scheduled as the submission is answered (a timer fires on a later turn of the event
          // loop, so the report never precedes the answer), and before the answer is given, so a
          // close() that the answer sets off already knows the report is owed.
          if (outcome.reportsDelivery()) {
            schedule(options.deliveryReportDelayMillis(),
                () -> result.carrierMessageIds().forEach(id -> report(sms.to(), id, outcome)), null);
          }
          answer.complete(result);
        },
        () -> answer.fail(new IllegalStateException(
            "The simulated carrier closed before answering " + sms.messageSid())));
    return answer.future();
  }

  @Override
  public void onDeliveryReport(Function<DeliveryReport, Future<Void>> handler) {
    this.reportHandler = Objects.requireNonNull(handler, "handler");
  }

  @Override
  public void onInbound(Function<InboundSms, Future<Void>> handler) {
    this.inboundHandler = Objects.requireNonNull(handler, "handler");
  }

  /**
   * A handset sends {@code sms} to one of Tern's numbers. The future succeeds once the inbound
   * handler has committed it (the carrier's acknowledgement) and fails when the handler fails:
   * the message was not taken, and whoever injected it should send it again.
   */
  public Future<Void> receive(InboundSms sms) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("The simulated carrier is closed"));
    }
    try {
      return Objects.requireNonNull(inboundHandler.apply(sms), "the inbound handler's future");
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * Reports again the messages this connection accepted before a restart and never reported:
   * each is reported as its destination's outcome says, after the usual delay.
   */
  @Override
  public void resumeReports(List<OwedReport> owed) {
    for (OwedReport message : owed) {
      Outcome outcome = options.outcomeFor(message.to());
      if (outcome.reportsDelivery()) {
        schedule(options.deliveryReportDelayMillis(),
            () -> message.carrierIds().forEach(id -> report(message.to(), id, outcome)), null);
      }
    }
  }

  @Override
  public Future<Void> close() {
    closed = true;
    for (Scheduled scheduled : List.copyOf(pending)) {
      if (!scheduled.isReport() && pending.remove(scheduled)) {
        vertx.cancelTimer(scheduled.timerId);
        scheduled.onCancel.run();
      }
    }
    settleDrain();
    return drained.future();
  }

  /** Completes the close once the reports still owed have been given. */
  private void settleDrain() {
    if (closed && pending.isEmpty()) {
      drained.tryComplete();
    }
  }

  private boolean has(String to, Quirk quirk) {
    return quirks.getOrDefault(to, Set.of()).contains(quirk);
  }

  private SubmitResult answer(OutboundSms sms, Outcome outcome) {
    boolean accepted = outcome.status() != MessageStatus.FAILED;
    log.record(new SubmissionLog.Submission(sms.messageSid(), sms.to(), clock.instant(), accepted,
        sms.text(), sms.isMms()));
    if (!accepted) {
      return SubmitResult.failed(outcome.error());
    }
    List<String> ids = new ArrayList<>();
    for (int part = 0; part < Math.max(1, sms.segments()); part++) {
      ids.add(UUID.randomUUID().toString());
    }
    return SubmitResult.sent(ids);
  }

  private void report(String to, String carrierId, Outcome outcome) {
    DeliveryReport report = outcome.error() == null
        ? DeliveryReport.delivered(name(), carrierId, clock.instant())
        : DeliveryReport.undelivered(name(), carrierId, outcome.error(), clock.instant());
    give(report, FIRST_REDELIVERY_MILLIS);
    if (has(to, Quirk.REPORT_TWICE)) {
      give(report, FIRST_REDELIVERY_MILLIS);
    }
  }

  /**
   * Hands the report to the handler until it acknowledges it. A report refused while closing
   * is left owed: the store still shows its message as {@code sent}, and the next start reports
   * it again ({@link #resumeReports}).
   */
  private void give(DeliveryReport report, long retryMillis) {
    Scheduled inHand = new Scheduled(null);
    pending.add(inHand);
    Future<Void> acknowledged;
    try {
      acknowledged = Objects.requireNonNull(reportHandler.apply(report), "the report handler's future");
    } catch (RuntimeException e) {
      acknowledged = Future.failedFuture(e);
    }
    acknowledged.onComplete(done -> {
      if (done.failed() && !closed) {
        schedule(retryMillis, () -> give(report, Math.min(MAX_REDELIVERY_MILLIS, retryMillis * 2)), null);
      }
      pending.remove(inHand);
      settleDrain();
    });
  }

  /**
   * @param onCancel what to do when close() cancels it; null for a delivery report, which close()
   *     lets fire (a carrier keeps the reports it owes: a message it accepted before a restart
   *     is still reported)
   */
  private void schedule(long delayMillis, Runnable action, Runnable onCancel) {
    Scheduled scheduled = new Scheduled(onCancel);
    pending.add(scheduled);
    // Vert.x timers need at least 1 ms; a configured 0 means "as soon as possible", which this is.
    scheduled.timerId = vertx.setTimer(Math.max(1, delayMillis), id -> {
      if (!pending.remove(scheduled)) {
        return;
      }
      // A submit racing close() may schedule after close() has swept the pending timers.
      if (closed && !scheduled.isReport()) {
        scheduled.onCancel.run();
      } else {
        action.run();
      }
      settleDrain();
    });
  }

  private static final class Scheduled {
    final Runnable onCancel;
    volatile long timerId;

    Scheduled(Runnable onCancel) {
      this.onCancel = onCancel;
    }

    boolean isReport() {
      return onCancel == null;
    }
  }
}
