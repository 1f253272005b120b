package io.tern.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.message.MessageStatus;
import io.tern.message.text.Encoding;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every {@link CarrierConnector} promises, run against the far end it talks to (for the
 * simulated carrier, itself; for SMPP, an SMSC in the test JVM). A connector's test extends this
 * class and provides the far end, scriptable per destination, and a way to connect to it.
 *
 * <p>The store's side (matching, duplicates applied once, parts added up) is
 * {@code CarrierIdsContractTest}'s; here a connector must hand every report and received
 * message to its handler, and acknowledge it to the carrier only once the handler's future
 * succeeds.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
public abstract class CarrierConnectorContractTest {

  /**
   * The carrier end of the connection under test. Scripts apply to the submissions made after
   * them, by destination; every destination not scripted is accepted and reported delivered.
   */
  public interface FarEnd {
    /** Submissions to {@code to} are refused; returns the Twilio code the connector must answer. */
    int refuse(String to);

    /** Submissions to {@code to} are reported undelivered; returns the Twilio code reported. */
    int reportUndelivered(String to);

    /** The report of a submission to {@code to} comes before the answer to it. */
    void reportBeforeAnswer(String to);

    /** Each report of a submission to {@code to} comes twice. */
    void reportTwice(String to);

    /**
     * While on, submissions get no answer for far longer than a test: a connector closed then
     * has them in flight. Applies to connections made while it is on.
     */
    void holdAnswers(boolean hold);

    /** How many submissions to {@code to} the far end took (whether or not it answered). */
    int taken(String to);

    /**
     * A handset sends a message to Tern over the connection. Succeeds when the connector
     * acknowledges it, fails when it refuses it (the carrier would deliver it again).
     */
    Future<Void> sendInbound(String from, String to, String text);
  }

  /** A new far end, for one test. */
  protected abstract FarEnd farEnd(Vertx vertx);

  /** A new connector to the far end; the test sets its handlers before {@link #ready}. */
  protected abstract CarrierConnector connect(Vertx vertx, FarEnd farEnd);

  /** Completes once the connector can submit (an SMPP bind is up). */
  protected Future<Void> ready(CarrierConnector connector) {
    return Future.succeededFuture();
  }

  private FarEnd far;
  private final AtomicInteger numbers = new AtomicInteger();

  @BeforeEach
  void newFarEnd(Vertx vertx) {
    far = farEnd(vertx);
  }

  /** A destination of this test alone. */
  private String destination() {
    return String.format("+1415555%04d", numbers.incrementAndGet());
  }

  private static OutboundSms sms(String to, int segments) {
    String body = "x".repeat(segments == 1 ? 20 : 153 * (segments - 1) + 20);
    return new OutboundSms("SM" + Long.toHexString(System.nanoTime()) + to.substring(1),
        "AC00000000000000000000000000000001", "+15005550006", to, body, segments, Encoding.GSM7, List.of());
  }

  /** A connector whose reports go to {@code reports}, ready. */
  private Future<CarrierConnector> connected(Vertx vertx, List<DeliveryReport> reports) {
    return connected(vertx, report -> {
      reports.add(report);
      return Future.succeededFuture();
    });
  }

  private Future<CarrierConnector> connected(Vertx vertx,
      Function<DeliveryReport, Future<Void>> onReport) {
    CarrierConnector connector = connect(vertx, far);
    connector.onDeliveryReport(onReport);
    connector.onInbound(sms -> Future.failedFuture("no inbound handler in this test"));
    return ready(connector).map(connector);
  }

  @Test
  void anAcceptedSubmissionAnswersWithTheCarriersIdOfEachPart(Vertx vertx, VertxTestContext ctx) {
    String to = destination();
    OutboundSms sms = sms(to, 2);
    connected(vertx, new CopyOnWriteArrayList<>())
        .compose(connector -> connector.submit(sms))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertThat(result.accepted()).isTrue();
          assertThat(result.status()).isEqualTo(MessageStatus.SENT);
          assertThat(result.carrierMessageIds()).hasSize(2).doesNotHaveDuplicates()
              .noneMatch(id -> id.contains(sms.messageSid()));
          assertThat(far.taken(to)).isEqualTo(1);
          ctx.completeNow();
        })));
  }

  @Test
  void aRefusedSubmissionAnswersWithTheTwilioError(Vertx vertx, VertxTestContext ctx) {
    String to = destination();
    int code = far.refuse(to);
    connected(vertx, new CopyOnWriteArrayList<>())
        .compose(connector -> connector.submit(sms(to, 1)))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertThat(result.accepted()).isFalse();
          assertThat(result.status()).isEqualTo(MessageStatus.FAILED);
          assertThat(result.errorCode()).isEqualTo(code);
          assertThat(result.errorMessage()).isNotBlank();
          assertThat(result.carrierMessageIds()).isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  void reportsNameTheConnectionAndTheCarriersIdOfEachPart(Vertx vertx, VertxTestContext ctx) {
    String to = destination();
    List<DeliveryReport> reports = new CopyOnWriteArrayList<>();
    connected(vertx, reports)
        .compose(connector -> connector.submit(sms(to, 3)).compose(result ->
            waitFor(vertx, () -> reports.size() >= 3).map(done -> {
              assertThat(reports).extracting(DeliveryReport::connection).containsOnly(connector.name());
              assertThat(reports).extracting(DeliveryReport::carrierMessageId)
                  .containsExactlyInAnyOrderElementsOf(result.carrierMessageIds());
              assertThat(reports).extracting(DeliveryReport::status).containsOnly(MessageStatus.DELIVERED);
              return done;
            })))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void anUndeliveredReportCarriesTheTwilioError(Vertx vertx, VertxTestContext ctx) {
    String to = destination();
    int code = far.reportUndelivered(to);
    List<DeliveryReport> reports = new CopyOnWriteArrayList<>();
    connected(vertx, reports)
        .compose(connector -> connector.submit(sms(to, 1)).compose(result ->
            waitFor(vertx, () -> !reports.isEmpty()).map(done -> {
              DeliveryReport report = reports.get(0);
              assertThat(report.carrierMessageId()).isEqualTo(result.carrierMessageId());
              assertThat(report.status()).isEqualTo(MessageStatus.UNDELIVERED);
              assertThat(report.errorCode()).isEqualTo(code);
              return done;
            })))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aReportBeforeTheAnswerIsHandedOnWithTheIdTheAnswerThenGives(Vertx vertx, VertxTestContext ctx) {
    String to = destination();
    far.reportBeforeAnswer(to);
    List<String> events = new CopyOnWriteArrayList<>();
    List<DeliveryReport> reports = new CopyOnWriteArrayList<>();
    connected(vertx, report -> {
      events.add("report");
      reports.add(report);
      return Future.succeededFuture();
    })
        .compose(connector -> connector.submit(sms(to, 1)))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          events.add("answer");
          assertThat(events).containsExactly("report", "answer");
          assertThat(reports.get(0).carrierMessageId()).isEqualTo(result.carrierMessageId());
          ctx.completeNow();
        })));
  }

  @Test
  void aDuplicateReportIsHandedOnAsItCame(Vertx vertx, VertxTestContext ctx) {
    String to = destination();
    far.reportTwice(to);
    List<DeliveryReport> reports = new CopyOnWriteArrayList<>();
    connected(vertx, reports)
        .compose(connector -> connector.submit(sms(to, 1)).compose(result ->
            waitFor(vertx, () -> reports.size() >= 2).map(done -> {
              assertThat(reports).extracting(DeliveryReport::carrierMessageId)
                  .containsExactly(result.carrierMessageId(), result.carrierMessageId());
              assertThat(reports.get(1)).isEqualTo(reports.get(0));
              return done;
            })))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aReportTheHandlerRefusesComesAgain(Vertx vertx, VertxTestContext ctx) {
    String to = destination();
    List<DeliveryReport> offered = new CopyOnWriteArrayList<>();
    connected(vertx, report -> {
      offered.add(report);
      // The first offer fails as a store outage would: not committed, so not acknowledged.
      return offered.size() == 1 ? Future.failedFuture("store unavailable") : Future.succeededFuture();
    })
        .compose(connector -> connector.submit(sms(to, 1)).compose(result ->
            waitFor(vertx, () -> offered.size() >= 2).map(done -> {
              assertThat(offered.get(1)).isEqualTo(offered.get(0));
              assertThat(offered.get(0).carrierMessageId()).isEqualTo(result.carrierMessageId());
              return done;
            })))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aReceivedMessageIsAcknowledgedOnlyOnceTheHandlerCommitted(Vertx vertx, VertxTestContext ctx) {
    CarrierConnector connector = connect(vertx, far);
    connector.onDeliveryReport(report -> Future.succeededFuture());
    Promise<Void> commit = Promise.promise();
    List<InboundSms> received = new CopyOnWriteArrayList<>();
    connector.onInbound(sms -> {
      received.add(sms);
      return commit.future();
    });
    ready(connector)
        .compose(up -> {
          Future<Void> acknowledged = far.sendInbound("+14155550999", "+15005550006", "Hi Tern");
          return waitFor(vertx, () -> !received.isEmpty()).compose(handed -> {
            // The handler has it, but has not committed: the carrier has no acknowledgement.
            assertThat(acknowledged.isComplete()).isFalse();
            commit.complete();
            return acknowledged;
          });
        })
        .onComplete(ctx.succeeding(acknowledged -> ctx.verify(() -> {
          InboundSms sms = received.get(0);
          assertThat(sms.connection()).isEqualTo(connector.name());
          assertThat(sms.from()).isEqualTo("+14155550999");
          assertThat(sms.to()).isEqualTo("+15005550006");
          assertThat(sms.text()).isEqualTo("Hi Tern");
          ctx.completeNow();
        })));
  }

  @Test
  void aReceivedMessageTheHandlerRefusesIsNotAcknowledged(Vertx vertx, VertxTestContext ctx) {
    CarrierConnector connector = connect(vertx, far);
    connector.onDeliveryReport(report -> Future.succeededFuture());
    connector.onInbound(sms -> Future.failedFuture("not committed"));
    ready(connector)
        .compose(up -> far.sendInbound("+14155550999", "+15005550006", "Hi Tern"))
        .onComplete(ctx.failingThenComplete());
  }

  @Test
  void closingFailsOnlyWhatWasNotHandedOverSoAResubmissionIsNeverASecondSend(
      Vertx vertx, VertxTestContext ctx) {
    List<String> destinations = List.of(destination(), destination(), destination());
    far.holdAnswers(true);
    connected(vertx, new CopyOnWriteArrayList<>())
        .compose(connector -> {
          List<Future<SubmitResult>> inFlight = new ArrayList<>();
          destinations.forEach(to -> inFlight.add(connector.submit(sms(to, 1))));
          return connector.close()
              .compose(closed -> Future.join(inFlight))
              .otherwiseEmpty()
              .map(settled -> inFlight)
              .compose(all -> connector.submit(sms(destination(), 1))
                  .<List<Future<SubmitResult>>>map(afterClose -> {
                    throw new AssertionError("a closed connector took a submission");
                  })
                  .otherwise(refused -> all));
        })
        .compose(inFlight -> {
          List<String> again = new ArrayList<>();
          for (int i = 0; i < destinations.size(); i++) {
            Future<SubmitResult> answer = inFlight.get(i);
            String to = destinations.get(i);
            assertThat(answer.isComplete()).as("answered or failed by the close: " + to).isTrue();
            if (answer.failed()) {
              // Failed means not handed over: the carrier never took it, so it may go again.
              assertThat(far.taken(to)).as(to).isZero();
              again.add(to);
            } else {
              assertThat(far.taken(to)).as(to).isEqualTo(1);
            }
          }
          far.holdAnswers(false);
          return connected(vertx, new CopyOnWriteArrayList<>()).compose(next -> Future.all(
                  again.stream().map(to -> next.submit(sms(to, 1))).toList())
              .compose(resent -> next.close()));
        })
        .onComplete(ctx.succeeding(done -> ctx.verify(() -> {
          destinations.forEach(to -> assertThat(far.taken(to)).as(to).isEqualTo(1));
          ctx.completeNow();
        })));
  }

  /** Polls the condition on a timer until it holds (the test's timeout bounds the wait). */
  private static Future<Void> waitFor(Vertx vertx, java.util.function.BooleanSupplier condition) {
    if (condition.getAsBoolean()) {
      return Future.succeededFuture();
    }
    Promise<Void> promise = Promise.promise();
    vertx.setTimer(10, id -> waitFor(vertx, condition).onComplete(promise));
    return promise.future();
  }
}
