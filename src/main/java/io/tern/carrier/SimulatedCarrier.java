package io.tern.carrier;

import io.tern.message.MessageStatus;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The default carrier: it delivers nothing, but answers like a carrier would. Each submission
 * is accepted or rejected after {@code submitLatencyMillis}; an accepted one gets its delivery
 * report {@code deliveryReportDelayMillis} later. What happens depends only on the destination
 * number (see {@link SimulatedCarrierOptions#outcomes()}), so tests and demos are repeatable.
 *
 * <p>Everything runs on Vert.x timers, on the context that called {@link #submit}: the submit
 * future and the delivery report handler run there.
 */
public final class SimulatedCarrier implements CarrierConnector {
  private final Vertx vertx;
  private final SimulatedCarrierOptions options;
  private final SubmissionLog log;
  private final Clock clock;
  // Timers not yet fired: close() cancels the unanswered submissions and waits for the reports.
  // A timer that fires removes itself first, so exactly one of "fire" and "cancel" happens.
  private final Set<Scheduled> pending = ConcurrentHashMap.newKeySet();
  private volatile Function<DeliveryReport, Future<Void>> reportHandler =
      report -> Future.succeededFuture();
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
          // Scheduled as the submission is answered (a timer fires on a later turn of the event
          // loop, so the report never precedes the answer), and before the answer is given, so a
          // close() that the answer sets off already knows the report is owed.
          if (outcome.reportsDelivery()) {
            schedule(options.deliveryReportDelayMillis(),
                () -> reportHandler.apply(report(result.carrierMessageId(), outcome)), null);
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

  /** The simulated carrier receives nothing from handsets. */
  @Override
  public void onInbound(Function<InboundSms, Future<Void>> handler) {
    Objects.requireNonNull(handler, "handler");
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

  private SubmitResult answer(OutboundSms sms, Outcome outcome) {
    boolean accepted = outcome.status() != MessageStatus.FAILED;
    int timesAccepted = log.record(
        new SubmissionLog.Submission(sms.messageSid(), sms.to(), clock.instant(), accepted));
    if (!accepted) {
      return SubmitResult.failed(outcome.error());
    }
    // Deterministic and unique per submission, even when a message is (wrongly) sent again.
    return SubmitResult.sent("sim-" + sms.messageSid() + "-" + timesAccepted);
  }

  private DeliveryReport report(String carrierMessageId, Outcome outcome) {
    return outcome.error() == null
        ? DeliveryReport.delivered(name(), carrierMessageId, clock.instant())
        : DeliveryReport.undelivered(name(), carrierMessageId, outcome.error(), clock.instant());
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
