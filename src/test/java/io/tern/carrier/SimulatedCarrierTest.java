package io.tern.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.message.MessageStatus;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(VertxExtension.class)
class SimulatedCarrierTest {
  private static final Instant NOW = Instant.parse("2025-03-04T05:06:07Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String NORMAL = "+14155550100";

  // Small real delays: the carrier runs on Vert.x timers, and only the order of events is asserted.
  private static SimulatedCarrierOptions fast(SubmissionLog log) {
    return SimulatedCarrierOptions.defaults()
        .withSubmitLatencyMillis(5)
        .withDeliveryReportDelayMillis(10)
        .withLog(log);
  }

  private static Function<DeliveryReport, Future<Void>> each(Consumer<DeliveryReport> handler) {
    return report -> {
      handler.accept(report);
      return Future.succeededFuture();
    };
  }

  private static OutboundSms sms(String sid, String to) {
    return new OutboundSms(sid, "AC00000000000000000000000000000001", "+15005550006", to,
        "Hello", 1, "GSM-7", List.of());
  }

  @ParameterizedTest
  @CsvSource({
      "+15005559991, 30003, Unreachable destination handset",
      "+15005559992, 30005, Unknown destination handset",
      "+15005559994, 30006, Landline or unreachable carrier"})
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void shippedNumbersAreSentThenReportedUndelivered(String to, int code, String message,
      Vertx vertx, VertxTestContext testContext) {
    SimulatedCarrier carrier = new SimulatedCarrier(vertx, fast(new SubmissionLog()), CLOCK);
    carrier.onDeliveryReport(each(report -> testContext.verify(() -> {
      assertThat(report.carrierMessageId()).isEqualTo("sim-SM1-1");
      assertThat(report.status()).isEqualTo(MessageStatus.UNDELIVERED);
      assertThat(report.errorCode()).isEqualTo(code);
      assertThat(report.errorMessage()).isEqualTo(message);
      assertThat(report.doneDate()).isEqualTo(NOW);
      testContext.completeNow();
    })));

    carrier.submit(sms("SM1", to)).onComplete(testContext.succeeding(result -> testContext.verify(() ->
        assertThat(result).isEqualTo(SubmitResult.sent("sim-SM1-1")))));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void anOrdinaryNumberIsSentThenDeliveredWithADoneDate(Vertx vertx, VertxTestContext testContext) {
    SimulatedCarrier carrier = new SimulatedCarrier(vertx, fast(new SubmissionLog()), CLOCK);
    List<String> events = new CopyOnWriteArrayList<>();
    carrier.onDeliveryReport(each(report -> testContext.verify(() -> {
      events.add(report.status().wire());
      assertThat(events).containsExactly("sent", "delivered");
      assertThat(report).isEqualTo(DeliveryReport.delivered("simulated", "sim-SM1-1", NOW));
      assertThat(report.errorCode()).isNull();
      assertThat(report.rawDlrDoneDate()).isEqualTo("2503040506");
      testContext.completeNow();
    })));

    carrier.submit(sms("SM1", NORMAL))
        .onComplete(testContext.succeeding(result -> events.add(result.status().wire())));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void aRejectedSubmissionFailsAndIsNeverReported(Vertx vertx, VertxTestContext testContext) {
    SubmissionLog log = new SubmissionLog();
    SimulatedCarrier carrier = new SimulatedCarrier(vertx, fast(log), CLOCK);
    List<String> reported = new CopyOnWriteArrayList<>();
    // The ordinary message goes second with the same delays, so by its report the rejected
    // one's would long have arrived, had there been one.
    carrier.onDeliveryReport(each(report -> testContext.verify(() -> {
      reported.add(report.carrierMessageId());
      assertThat(reported).containsExactly("sim-SMok-1");
      assertThat(log.attempts("SMrejected")).isEqualTo(1);
      assertThat(log.count("SMrejected")).isZero();
      testContext.completeNow();
    })));

    inOneContext(vertx, () -> carrier.submit(sms("SMrejected", "+15005559993"))
        .onComplete(testContext.succeeding(result -> testContext.verify(() -> {
          assertThat(result.accepted()).isFalse();
          assertThat(result.status()).isEqualTo(MessageStatus.FAILED);
          assertThat(result.errorCode()).isEqualTo(30008);
          assertThat(result.errorMessage()).isEqualTo("Unknown error");
          assertThat(result.carrierMessageId()).isNull();
          carrier.submit(sms("SMok", NORMAL));
        }))));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void aSentOutcomeIsAcceptedButNeverReported(Vertx vertx, VertxTestContext testContext) {
    SimulatedCarrierOptions options = fast(new SubmissionLog())
        .withOutcome("+447700900123", Outcome.sentWithoutReport());
    SimulatedCarrier carrier = new SimulatedCarrier(vertx, options, CLOCK);
    List<String> reported = new CopyOnWriteArrayList<>();
    carrier.onDeliveryReport(each(report -> testContext.verify(() -> {
      reported.add(report.carrierMessageId());
      assertThat(reported).containsExactly("sim-SMok-1");
      testContext.completeNow();
    })));

    inOneContext(vertx, () -> carrier.submit(sms("SMquiet", "+447700900123"))
        .onComplete(testContext.succeeding(result -> testContext.verify(() -> {
          assertThat(result.accepted()).isTrue();
          carrier.submit(sms("SMok", NORMAL));
        }))));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void submissionsAreAnsweredInOrderAndNoReportPrecedesItsSubmission(
      Vertx vertx, VertxTestContext testContext) {
    // Reports come sooner than submissions are answered, so a report jumping ahead would show.
    SimulatedCarrierOptions options = SimulatedCarrierOptions.defaults()
        .withSubmitLatencyMillis(20)
        .withDeliveryReportDelayMillis(0)
        .withLog(new SubmissionLog());
    SimulatedCarrier carrier = new SimulatedCarrier(vertx, options, CLOCK);
    List<String> sids = IntStream.range(0, 6).mapToObj(i -> "SM" + i).toList();
    List<String> events = new CopyOnWriteArrayList<>();
    carrier.onDeliveryReport(each(report -> testContext.verify(() -> {
      events.add("report " + report.carrierMessageId().replaceAll("^sim-(.*)-1$", "$1"));
      if (events.stream().filter(e -> e.startsWith("report")).count() < sids.size()) {
        return;
      }
      assertThat(events.stream().filter(e -> e.startsWith("sent")))
          .containsExactlyElementsOf(sids.stream().map(sid -> "sent " + sid).toList());
      for (String sid : sids) {
        assertThat(events.indexOf("sent " + sid)).isLessThan(events.indexOf("report " + sid));
      }
      testContext.completeNow();
    })));

    inOneContext(vertx, () -> sids.forEach(sid ->
        carrier.submit(sms(sid, sid.equals("SM3") ? "+15005559991" : NORMAL))
            .onComplete(testContext.succeeding(result -> events.add("sent " + sid)))));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void theLogCountsSendsPerSidAcrossARestart(Vertx vertx, VertxTestContext testContext) {
    SubmissionLog log = new SubmissionLog();
    SimulatedCarrier before = new SimulatedCarrier(vertx, fast(log), CLOCK);

    before.submit(sms("SMa", NORMAL))
        .compose(a -> before.submit(sms("SMb", NORMAL)))
        .compose(b -> before.close())
        .compose(closed -> {
          // The restarted gateway gets a new carrier, but the log of what was already sent.
          SimulatedCarrier after = new SimulatedCarrier(vertx, fast(log), CLOCK);
          return after.submit(sms("SMa", NORMAL));
        })
        .onComplete(testContext.succeeding(again -> testContext.verify(() -> {
          assertThat(again.carrierMessageId()).isEqualTo("sim-SMa-2");
          assertThat(log.count("SMa")).isEqualTo(2);
          assertThat(log.count("SMb")).isEqualTo(1);
          assertThat(log.count("SMnever")).isZero();
          assertThat(log.counts()).isEqualTo(Map.of("SMa", 2, "SMb", 1));
          assertThat(log.duplicates()).containsExactly("SMa");
          assertThat(log.submissions()).containsExactly(
              new SubmissionLog.Submission("SMa", NORMAL, NOW, true),
              new SubmissionLog.Submission("SMb", NORMAL, NOW, true),
              new SubmissionLog.Submission("SMa", NORMAL, NOW, true));
          testContext.completeNow();
        })));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void closingStillGivesTheReportsTheCarrierOwes(Vertx vertx, VertxTestContext testContext) {
    SimulatedCarrier carrier = new SimulatedCarrier(vertx,
        fast(new SubmissionLog()).withDeliveryReportDelayMillis(200), CLOCK);
    java.util.List<DeliveryReport> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
    carrier.onDeliveryReport(each(reports::add));

    carrier.submit(sms("SMa", NORMAL))
        .compose(sent -> carrier.close())
        .onComplete(testContext.succeeding(closed -> testContext.verify(() -> {
          // The message was accepted before the close, so its report is not lost with it.
          assertThat(reports).extracting(DeliveryReport::carrierMessageId).containsExactly("sim-SMa-1");
          testContext.completeNow();
        })));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void closingFailsWhatTheCarrierHasNotAnsweredAndRefusesMore(
      Vertx vertx, VertxTestContext testContext) {
    SubmissionLog log = new SubmissionLog();
    SimulatedCarrier carrier = new SimulatedCarrier(vertx,
        fast(log).withSubmitLatencyMillis(10_000), CLOCK);

    Future<SubmitResult> inFlight = carrier.submit(sms("SMa", NORMAL));
    carrier.close()
        .compose(closed -> inFlight)
        .onComplete(testContext.failing(error -> testContext.verify(() -> {
          assertThat(error).hasMessageContaining("SMa");
          // Never answered, so never sent: submitting it again after a restart is no duplicate.
          assertThat(log.submissions()).isEmpty();
          carrier.submit(sms("SMb", NORMAL)).onComplete(testContext.failing(refused ->
              testContext.completeNow()));
        })));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void withoutALogInItsOptionsTheCarrierKeepsItsOwn(Vertx vertx, VertxTestContext testContext) {
    SimulatedCarrier carrier = new SimulatedCarrier(vertx,
        SimulatedCarrierOptions.defaults().withSubmitLatencyMillis(1), CLOCK);

    carrier.submit(sms("SMa", NORMAL)).onComplete(testContext.succeeding(result ->
        testContext.verify(() -> {
          assertThat(carrier.submissionLog().count("SMa")).isEqualTo(1);
          testContext.completeNow();
        })));
  }

  /** Runs on one event-loop context, so the carrier's timers and answers share one thread. */
  private static void inOneContext(Vertx vertx, Runnable action) {
    Context context = vertx.getOrCreateContext();
    context.runOnContext(ignored -> action.run());
  }
}
