package io.tern.carrier.smpp;

import io.tern.carrier.CarrierConnector;
import io.tern.carrier.DeliveryReport;
import io.tern.carrier.InboundSms;
import io.tern.carrier.OutboundSms;
import io.tern.carrier.SubmitResult;
import io.tern.carrier.smpp.SmppBind.SendOutcome;
import io.tern.message.text.Encoding;
import io.tern.message.MessageStatus;
import io.tern.message.DeliveryError;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;

/**
 * The SMPP 3.4 carrier: {@code binds} sessions to one SMSC, each with a window of outstanding
 * submits, all under one throughput limit counted in submit_sm PDUs.
 *
 * <p>Threads. jSMPP blocks, so every connect, bind, submit and unbind runs on a worker pool of
 * the connector's own, sized for binds × window; everything else (the waiting messages, the
 * binds' state, the rate) lives on the context that created the connector and is touched there
 * only. Receipts and received messages arrive on jSMPP's reader threads, which wait for the
 * handler's future before answering deliver_sm_resp: the SMSC is acked only once Tern has
 * committed what it sent.
 *
 * <p>What a submit's future means. It succeeds with the SMSC's answer, or with {@code failed}
 * for a permanent refusal. It never fails because the SMSC is down: the message waits here
 * until a bind is up. A submit the SMSC did not answer (request timeout, link lost after the
 * PDU went out) is sent again: at least once, never lost, with a possible duplicate (README).
 * The future fails only at {@link #close()}, for messages not yet handed over or left
 * unanswered, which the store still has as {@code sending} and queues again at the next start.
 */
public final class SmppConnector implements CarrierConnector {
  private static final System.Logger LOG = System.getLogger(SmppConnector.class.getName());
  public static final String NAME = "smpp";

  private final Vertx vertx;
  private final Context context;
  private final SmppOptions options;
  private final Clock clock;
  private final SmppErrors errors;
  private final SmsPartEncoder encoder;
  private final DeliverSmReader reader;
  private final CarrierIds carrierIds = new CarrierIds(200_000);
  private final SmppMetrics metrics;
  private final WorkerExecutor workers;
  private final List<SmppBind> binds = new ArrayList<>();
  private final Deque<Submission> waiting = new ArrayDeque<>();
  private final Map<String, Integer> references = Collections.synchronizedMap(
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
          return size() > 100_000;
        }
      });
  private final long pduIntervalNanos;
  private long nextPduNanos;
  private boolean pumpTimerSet;
  private volatile Function<DeliveryReport, Future<Void>> reportHandler;
  private volatile Function<InboundSms, Future<Void>> inboundHandler;
  private boolean closed;
  private Promise<Void> closing;

  public SmppConnector(Vertx vertx, SmppOptions options) {
    this(vertx, options, Clock.systemUTC(), SmppMetrics.of(vertx));
  }

  SmppConnector(Vertx vertx, SmppOptions options, Clock clock, SmppMetrics metrics) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.context = vertx.getOrCreateContext();
    this.options = Objects.requireNonNull(options, "options");
    this.clock = clock;
    this.errors = new SmppErrors(options.errorMap());
    this.encoder = new SmsPartEncoder(options.longMessage(), options.defaultCharset());
    this.reader = new DeliverSmReader(options.defaultCharset());
    this.metrics = metrics;
    this.pduIntervalNanos = options.throughput() == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / options.throughput();
    int sessions = options.binds() * (options.bindType() == SmppOptions.BindMode.TRANSCEIVER ? 1 : 2);
    // Each outstanding submit holds a worker thread while jSMPP waits for its answer; binds and
    // unbinds need one more per session.
    this.workers = vertx.createSharedWorkerExecutor(
        "tern-smpp-" + System.identityHashCode(this), sessions * options.window() + sessions,
        options.requestTimeoutMillis() * 4, TimeUnit.MILLISECONDS);
    for (int i = 0; i < options.binds(); i++) {
      if (options.bindType() == SmppOptions.BindMode.TRANSCEIVER) {
        binds.add(new SmppBind(binds.size(), BindType.BIND_TRX));
      } else {
        binds.add(new SmppBind(binds.size(), BindType.BIND_TX));
        binds.add(new SmppBind(binds.size(), BindType.BIND_RX));
      }
    }
    metrics.gauges(() -> count(SmppBind.State.UP), () -> count(SmppBind.State.DOWN) + count(SmppBind.State.BINDING),
        () -> count(SmppBind.State.REFUSED), () -> binds.stream().mapToInt(b -> b.inFlight).sum(),
        waiting::size);
    context.runOnContext(v -> binds.forEach(this::bind));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void onDeliveryReport(Function<DeliveryReport, Future<Void>> handler) {
    this.reportHandler = Objects.requireNonNull(handler, "handler");
  }

  @Override
  public void onInbound(Function<InboundSms, Future<Void>> handler) {
    this.inboundHandler = Objects.requireNonNull(handler, "handler");
  }

  @Override
  public Future<SubmitResult> submit(OutboundSms sms) {
    Promise<SubmitResult> answer = Promise.promise();
    context.runOnContext(v -> {
      if (closed) {
        answer.fail(new IllegalStateException("The SMPP connector is closed; " + sms.messageSid() + " was not sent"));
        return;
      }
      if (sms.isMms()) {
        // SMPP carries text only; the MMS converter already turned what it could into SMS.
        answer.complete(SubmitResult.failed(DeliveryError.UNKNOWN_ERROR));
        return;
      }
      boolean ucs2 = sms.encoding() == Encoding.UCS2;
      List<SmsPart> parts = encoder.encode(sms.text(), ucs2, nextReference(sms.to()));
      // With a 16-bit reference (a longer header) or one payload the count differs by design.
      if ((options.longMessage() == SmppOptions.LongMessageMethod.UDH8
          || options.longMessage() == SmppOptions.LongMessageMethod.SAR) && parts.size() != sms.segments()) {
        LOG.log(System.Logger.Level.WARNING, sms.messageSid() + " was counted as " + sms.segments()
            + " segments but goes as " + parts.size() + " submit_sm");
      }
      waiting.addLast(new Submission(sms, parts, answer));
      pump();
    });
    return answer.future();
  }

  /** A check for /health: what the binds are doing. Always OK, so an SMSC outage never makes the pod unready. */
  public Handler<Promise<Status>> healthCheck() {
    return promise -> context.runOnContext(v -> promise.complete(Status.OK(status())));
  }

  /** The binds' state, for health and logs (never a credential). */
  public JsonObject status() {
    JsonArray sessions = new JsonArray();
    for (SmppBind bind : binds) {
      sessions.add(new JsonObject().put("bind", bind.index).put("type", bind.type.name())
          .put("state", bind.state.name().toLowerCase()).put("inFlight", bind.inFlight)
          .put("lastError", bind.lastError));
    }
    long up = count(SmppBind.State.UP);
    return new JsonObject()
        .put("reachable", up > 0)
        .put("credentialsRefused", count(SmppBind.State.REFUSED) > 0)
        .put("bindsUp", up).put("binds", binds.size()).put("waiting", waiting.size())
        .put("sessions", sessions);
  }

  public SmppMetrics metrics() {
    return metrics;
  }

  @Override
  public Future<Void> close() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      if (closing != null) {
        closing.future().onComplete(done);
        return;
      }
      closed = true;
      closing = Promise.promise();
      closing.future().onComplete(done);
      Submission waitingOne;
      while ((waitingOne = waiting.pollFirst()) != null) {
        waitingOne.answer.tryFail(new IllegalStateException("The SMPP connector closed before sending "
            + waitingOne.sms.messageSid()));
      }
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.closeTimeoutMillis());
      drainThenUnbind(deadline);
    });
    return done.future();
  }

  // ---- sending ----

  private void pump() {
    while (!closed && !waiting.isEmpty()) {
      SmppBind bind = freestBind();
      if (bind == null) {
        return;
      }
      long now = System.nanoTime();
      if (pduIntervalNanos > 0 && nextPduNanos > now) {
        if (!pumpTimerSet) {
          pumpTimerSet = true;
          long delayMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextPduNanos - now));
          vertx.setTimer(delayMillis, id -> {
            pumpTimerSet = false;
            pump();
          });
        }
        return;
      }
      Submission submission = waiting.pollFirst();
      int pdus = submission.parts.size() - submission.sent.size();
      nextPduNanos = Math.max(nextPduNanos, now) + pdus * pduIntervalNanos;
      send(bind, submission);
    }
  }

  private SmppBind freestBind() {
    SmppBind freest = null;
    long now = System.nanoTime();
    for (SmppBind bind : binds) {
      if (bind.state == SmppBind.State.UP && bind.transmits() && bind.inFlight < options.window()
          && bind.pausedUntilNanos - now <= 0 && (freest == null || bind.inFlight < freest.inFlight)) {
        freest = bind;
      }
    }
    return freest;
  }

  private void send(SmppBind bind, Submission submission) {
    bind.inFlight++;
    SMPPSession session = bind.session;
    SmppBind.Addressing addressing = addressing(submission.sms);
    int from = submission.sent.size();
    long started = System.nanoTime();
    workers.<SendOutcome>executeBlocking(() -> SmppBind.send(session, addressing, submission.parts, from), false)
        .onComplete(ar -> {
          bind.inFlight--;
          SendOutcome outcome = ar.succeeded() ? ar.result()
              : SendOutcome.unanswered(List.of(), String.valueOf(ar.cause()));
          long perPdu = (System.nanoTime() - started) / Math.max(1, outcome.acceptedIds().size()
              + (outcome.kind() == SendOutcome.Kind.ACCEPTED ? 0 : 1));
          outcome.acceptedIds().forEach(id -> {
            carrierIds.submitted(id);
            metrics.submit("accepted", perPdu);
          });
          submission.sent.addAll(outcome.acceptedIds());
          settle(bind, submission, outcome);
          pump();
        });
  }

  private void settle(SmppBind bind, Submission submission, SendOutcome outcome) {
    String sid = submission.sms.messageSid();
    switch (outcome.kind()) {
      case ACCEPTED -> submission.answer.tryComplete(SubmitResult.sent(submission.sent));
      case MALFORMED -> {
        metrics.submit("rejected", 0);
        LOG.log(System.Logger.Level.ERROR, "The SMSC's answer to " + sid + " could not be read: " + outcome.detail());
        submission.answer.tryComplete(SubmitResult.failed(DeliveryError.UNKNOWN_ERROR));
      }
      case UNANSWERED -> {
        metrics.submit("unanswered", 0);
        LOG.log(System.Logger.Level.WARNING, "No answer to a submit_sm of " + sid + " (" + outcome.detail()
            + "); it is sent again once a bind is up");
        retryLater(submission, 0);
      }
      case REFUSED -> {
        int status = outcome.commandStatus();
        switch (SmppErrors.actionFor(status)) {
          case PAUSE -> {
            metrics.submit("throttled", outcome.refusalNanos());
            bind.pausedUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.throttledPauseMillis());
            retryLater(submission, options.throttledPauseMillis());
          }
          case RETRY -> {
            metrics.submit("retried", outcome.refusalNanos());
            if (++submission.retries > options.maxRetries()) {
              submission.answer.tryComplete(SubmitResult.failed(DeliveryError.QUEUE_OVERFLOW));
            } else {
              retryLater(submission, backoff(options.reconnectInitialMillis(), submission.retries));
            }
          }
          case FAIL -> {
            metrics.submit("rejected", outcome.refusalNanos());
            int code = errors.submitCode(status);
            LOG.log(System.Logger.Level.INFO, String.format("The SMSC refused %s with 0x%02X: Twilio %d", sid, status, code));
            submission.answer.tryComplete(SubmitResult.failed(code, SmppErrors.messageFor(code)));
          }
        }
      }
    }
  }

  /** Puts a message back at the head of the queue, now or after a delay. */
  private void retryLater(Submission submission, long delayMillis) {
    if (closed) {
      submission.answer.tryFail(new IllegalStateException("The SMPP connector closed before "
          + submission.sms.messageSid() + " was answered"));
      return;
    }
    if (delayMillis <= 0) {
      waiting.addFirst(submission);
      return;
    }
    vertx.setTimer(delayMillis, id -> {
      if (closed) {
        retryLater(submission, 0);
        return;
      }
      waiting.addFirst(submission);
      pump();
    });
  }

  private SmppBind.Addressing addressing(OutboundSms sms) {
    String from = sms.from() == null ? "" : sms.from();
    String to = sms.to().startsWith("+") ? sms.to().substring(1) : sms.to();
    if (from.startsWith("+")) {
      return new SmppBind.Addressing(from.substring(1), options.longCode().ton(), options.longCode().npi(), to);
    }
    if (!from.isEmpty() && from.chars().allMatch(Character::isDigit)) {
      return new SmppBind.Addressing(from, options.shortCode().ton(), options.shortCode().npi(), to);
    }
    return new SmppBind.Addressing(from, options.alphanumeric().ton(), options.alphanumeric().npi(), to);
  }

  /** The next concatenation reference for a destination: two long messages to one handset never share one. */
  private int nextReference(String destination) {
    int modulo = options.longMessage() == SmppOptions.LongMessageMethod.UDH8 ? 256 : 65536;
    return references.merge(destination, ThreadLocalRandom.current().nextInt(modulo),
        (previous, ignored) -> (previous + 1) % modulo);
  }

  // ---- binding ----

  private void bind(SmppBind bind) {
    if (closed) {
      return;
    }
    bind.state = SmppBind.State.BINDING;
    MessageReceiverListener receiver = new Receiver();
    workers.<SMPPSession>executeBlocking(() -> SmppBind.open(options, bind.type, receiver,
            (now, before, source) -> {
              if (!now.isBound()) {
                context.runOnContext(v -> lost(bind, (SMPPSession) source, now));
              }
            }), false)
        .onSuccess(session -> {
          if (closed) {
            workers.executeBlocking(() -> {
              session.unbindAndClose();
              return null;
            }, false);
            return;
          }
          bind.session = session;
          bind.state = SmppBind.State.UP;
          bind.backoffMillis = 0;
          bind.lastError = null;
          LOG.log(System.Logger.Level.INFO, "SMPP bind " + bind.index + " (" + bind.type + ") is up");
          pump();
        })
        .onFailure(failure -> {
          NegativeResponseException refused = refusal(failure);
          if (refused != null && SmppErrors.isBadCredentials(refused.getCommandStatus())) {
            bind.state = SmppBind.State.REFUSED;
            bind.lastError = String.format("bind refused with 0x%02X (credentials)", refused.getCommandStatus());
            metrics.bindRefused(refused.getCommandStatus());
            LOG.log(System.Logger.Level.ERROR, "The SMSC refused Tern's credentials (" + bind.lastError
                + "); bind " + bind.index + " stops retrying. Check carrier.smpp.systemId, password and systemType, then restart.");
            return;
          }
          if (refused != null) {
            metrics.bindRefused(refused.getCommandStatus());
          }
          bind.lastError = String.valueOf(failure.getMessage());
          reconnectLater(bind);
        });
  }

  // jSMPP reports a refused bind as an IOException caused by the negative response.
  private static NegativeResponseException refusal(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof NegativeResponseException refused) {
        return refused;
      }
    }
    return null;
  }

  private void lost(SmppBind bind, SMPPSession session, SessionState state) {
    if (bind.session != session || bind.state != SmppBind.State.UP) {
      return;
    }
    bind.session = null;
    bind.state = SmppBind.State.DOWN;
    bind.lastError = "session " + state.name().toLowerCase();
    LOG.log(System.Logger.Level.WARNING, "SMPP bind " + bind.index + " was lost (" + state + ")");
    workers.executeBlocking(() -> {
      session.close();
      return null;
    }, false);
    reconnectLater(bind);
  }

  private void reconnectLater(SmppBind bind) {
    if (closed) {
      bind.state = SmppBind.State.CLOSED;
      return;
    }
    bind.state = SmppBind.State.DOWN;
    bind.backoffMillis = bind.backoffMillis == 0 ? options.reconnectInitialMillis()
        : Math.min(options.reconnectMaxMillis(), bind.backoffMillis * 2);
    // Jitter keeps the pods of a cluster from binding in step after an SMSC restart.
    long delay = bind.backoffMillis / 2 + ThreadLocalRandom.current().nextLong(bind.backoffMillis / 2 + 1);
    vertx.setTimer(Math.max(1, delay), id -> bind(bind));
  }

  private static long backoff(long initialMillis, int attempt) {
    return Math.min(60_000, initialMillis << Math.min(10, attempt - 1));
  }

  // ---- stopping ----

  private void drainThenUnbind(long deadlineNanos) {
    boolean outstanding = binds.stream().anyMatch(b -> b.inFlight > 0);
    if (outstanding && System.nanoTime() < deadlineNanos) {
      vertx.setTimer(20, id -> drainThenUnbind(deadlineNanos));
      return;
    }
    List<Future<Void>> unbinds = new ArrayList<>();
    for (SmppBind bind : binds) {
      SMPPSession session = bind.session;
      bind.session = null;
      bind.state = SmppBind.State.CLOSED;
      if (session != null) {
        // unbind waits for unbind_resp (up to the request timeout) before closing the socket.
        unbinds.add(workers.executeBlocking(() -> {
          session.unbindAndClose();
          return null;
        }, false));
      }
    }
    Future.join(unbinds).onComplete(done -> {
      workers.close();
      closing.complete();
    });
  }

  private long count(SmppBind.State state) {
    return binds.stream().filter(b -> b.state == state).count();
  }

  // ---- receiving ----

  /** Runs on jSMPP's threads: waits for the handler's future, so the answer follows the commit. */
  private final class Receiver implements MessageReceiverListener {
    @Override
    public void onAcceptDeliverSm(DeliverSm pdu) throws ProcessRequestException {
      if (DeliverSmReader.isReceipt(pdu)) {
        acceptReceipt(pdu);
      } else {
        acceptInbound(pdu);
      }
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alert) {}

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
      throw new ProcessRequestException("data_sm is not supported", 0x03);
    }
  }

  private void acceptReceipt(DeliverSm pdu) throws ProcessRequestException {
    Receipt receipt = reader.receipt(pdu).orElse(null);
    if (receipt == null) {
      // Acked: an SMSC told "try again" would send the same unreadable receipt forever.
      metrics.receipt("unreadable");
      LOG.log(System.Logger.Level.WARNING, "A delivery receipt with no id or state was dropped");
      return;
    }
    if (!receipt.state().isFinal) {
      metrics.receipt("intermediate");
      return;
    }
    String id = carrierIds.resolve(receipt.messageId());
    Instant done = receipt.doneDate() != null ? receipt.doneDate() : clock.instant();
    DeliveryReport report;
    if (receipt.state() == ReceiptState.DELIVERED) {
      report = DeliveryReport.delivered(NAME, id, done);
    } else {
      int code = errors.receiptCode(receipt.state(), receipt.err());
      report = new DeliveryReport(NAME, id, MessageStatus.UNDELIVERED, code, SmppErrors.messageFor(code), done);
    }
    Function<DeliveryReport, Future<Void>> handler = reportHandler;
    awaitCommitted(handler == null ? null : () -> handler.apply(report), "receipt");
  }

  private void acceptInbound(DeliverSm pdu) throws ProcessRequestException {
    InboundSms sms = reader.inbound(NAME, pdu, clock.instant());
    Function<InboundSms, Future<Void>> handler = inboundHandler;
    awaitCommitted(handler == null ? null : () -> handler.apply(sms), "inbound");
  }

  private void awaitCommitted(java.util.function.Supplier<Future<Void>> work, String kind)
      throws ProcessRequestException {
    if (work == null) {
      record(kind, "refused");
      throw new ProcessRequestException("Tern cannot take it yet", SmppErrors.ESME_RX_T_APPN);
    }
    CompletableFuture<Void> committed = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        work.get().onComplete(ar -> {
          if (ar.succeeded()) {
            committed.complete(null);
          } else {
            committed.completeExceptionally(ar.cause());
          }
        });
      } catch (RuntimeException e) {
        committed.completeExceptionally(e);
      }
    });
    try {
      committed.get(options.requestTimeoutMillis(), TimeUnit.MILLISECONDS);
      record(kind, kind.equals("receipt") ? "reported" : "accepted");
    } catch (Exception notCommitted) {
      record(kind, "refused");
      LOG.log(System.Logger.Level.WARNING, "A " + kind + " was not committed; the SMSC is asked to deliver it again", notCommitted);
      throw new ProcessRequestException("not committed", SmppErrors.ESME_RX_T_APPN);
    }
  }

  private void record(String kind, String result) {
    if (kind.equals("receipt")) {
      metrics.receipt(result);
    } else {
      metrics.inbound(result);
    }
  }

  /** One message on its way: its parts, the ids of those already accepted, its answer. */
  private static final class Submission {
    final OutboundSms sms;
    final List<SmsPart> parts;
    final Promise<SubmitResult> answer;
    final List<String> sent = new ArrayList<>();
    int retries;

    Submission(OutboundSms sms, List<SmsPart> parts, Promise<SubmitResult> answer) {
      this.sms = sms;
      this.parts = parts;
      this.answer = answer;
    }
  }
}
