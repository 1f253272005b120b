package io.tern.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.message.MessageStatus;
import io.tern.message.text.Encoding;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What only the simulated carrier does: outcomes by destination, its log, and reporting again
 * after a restart. What every connector does is in {@link SimulatedCarrierContractTest}.
 */
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

  private static OutboundSms sms(String sid, String to) {
    return sms(sid, to, 1);
  }

  private static OutboundSms sms(String sid, String to, int segments) {
    return new OutboundSms(sid, "AC00000000000000000000000000000001", "+15005550006", to,
        "Hello", segments, Encoding.GSM7, List.of());
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
    List<SubmitResult> answers = new CopyOnWriteArrayList<>();
    carrier.onDeliveryReport(report -> {
      testContext.verify(() -> {
        assertThat(report.connection()).isEqualTo("simulated");
        assertThat(report.carrierMessageId()).isEqualTo(answers.get(0).carrierMessageId());
        assertThat(report.status()).isEqualTo(MessageStatus.UNDELIVERED);
        assertThat(report.errorCode()).isEqualTo(code);
        assertThat(report.errorMessage()).isEqualTo(message);
        assertThat(report.doneDate()).isEqualTo(NOW);
        testContext.completeNow();
      });
      return Future.succeededFuture();
    });

    carrier.submit(sms("SM1", to)).onComplete(testContext.succeeding(answers::add));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void idsAreTheCarriersOwnOnePerSegmentAndUniqueAcrossResubmissions(
      Vertx vertx, VertxTestContext testContext) {
    SimulatedCarrier carrier = new SimulatedCarrier(vertx, fast(new SubmissionLog()), CLOCK);
    carrier.onDeliveryReport(report -> Future.succeededFuture());

    carrier.submit(sms("SM1", NORMAL, 3))
        .compose(first -> carrier.submit(sms("SM1", NORMAL, 3)).map(second -> List.of(first, second)))
        .onComplete(testContext.succeeding(answers -> testContext.verify(() -> {
          List<String> first = answers.get(0).carrierMessageIds();
          List<String> second = answers.get(1).carrierMessageIds();
          assertThat(first).hasSize(3).doesNotHaveDuplicates().noneMatch(id -> id.contains("SM1"));
          assertThat(second).hasSize(3).doesNotContainAnyElementsOf(first);
          testContext.completeNow();
        })));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void aRejectedSubmissionFailsAndIsNeverReported(Vertx vertx, VertxTestContext testContext) {
    SubmissionLog log = new SubmissionLog();
    SimulatedCarrier carrier = new SimulatedCarrier(vertx, fast(log), CLOCK);
    List<String> reported = new CopyOnWriteArrayList<>();
    List<String> okIds = new CopyOnWriteArrayList<>();
    // The ordinary message goes second with the same delays, so by its report the rejected
    // one's would long have arrived, had there been one.
    carrier.onDeliveryReport(report -> {
      testContext.verify(() -> {
        reported.add(report.carrierMessageId());
        assertThat(reported).containsExactlyElementsOf(okIds);
        assertThat(log.attempts("SMrejected")).isEqualTo(1);
        assertThat(log.count("SMrejected")).isZero();
        testContext.completeNow();
      });
      return Future.succeededFuture();
    });

    inOneContext(vertx, () -> carrier.submit(sms("SMrejected", "+15005559993"))
        .onComplete(testContext.succeeding(result -> testContext.verify(() -> {
          assertThat(result.accepted()).isFalse();
          assertThat(result.status()).isEqualTo(MessageStatus.FAILED);
          assertThat(result.errorCode()).isEqualTo(30008);
          assertThat(result.errorMessage()).isEqualTo("Unknown error");
          assertThat(result.carrierMessageId()).isNull();
          carrier.submit(sms("SMok", NORMAL)).onSuccess(ok -> okIds.addAll(ok.carrierMessageIds()));
        }))));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void aSentOutcomeIsAcceptedButNeverReported(Vertx vertx, VertxTestContext testContext) {
    SimulatedCarrierOptions options = fast(new SubmissionLog())
        .withOutcome("+447700900123", Outcome.sentWithoutReport());
    SimulatedCarrier carrier = new SimulatedCarrier(vertx, options, CLOCK);
    List<String> okIds = new CopyOnWriteArrayList<>();
    carrier.onDeliveryReport(report -> {
      testContext.verify(() -> {
        assertThat(okIds).containsExactly(report.carrierMessageId());
        testContext.completeNow();
      });
      return Future.succeededFuture();
    });

    inOneContext(vertx, () -> carrier.submit(sms("SMquiet", "+447700900123"))
        .onComplete(testContext.succeeding(result -> testContext.verify(() -> {
          assertThat(result.accepted()).isTrue();
          carrier.submit(sms("SMok", NORMAL)).onSuccess(ok -> okIds.addAll(ok.carrierMessageIds()));
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
    Map<String, String> sidById = new java.util.concurrent.ConcurrentHashMap<>();
    carrier.onDeliveryReport(report -> {
      testContext.verify(() -> {
        events.add("report " + sidById.get(report.carrierMessageId()));
        if (events.stream().filter(e -> e.startsWith("report")).count() < sids.size()) {
          return;
        }
        assertThat(events.stream().filter(e -> e.startsWith("sent")))
            .containsExactlyElementsOf(sids.stream().map(sid -> "sent " + sid).toList());
        for (String sid : sids) {
          assertThat(events.indexOf("sent " + sid)).isLessThan(events.indexOf("report " + sid));
        }
        testContext.completeNow();
      });
      return Future.succeededFuture();
    });

    inOneContext(vertx, () -> sids.forEach(sid ->
        carrier.submit(sms(sid, sid.equals("SM3") ? "+15005559991" : NORMAL))
            .onComplete(testContext.succeeding(result -> {
              sidById.put(result.carrierMessageId(), sid);
              events.add("sent " + sid);
            }))));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void theLogCountsSendsPerSidAcrossARestart(Vertx vertx, VertxTestContext testContext) {
    SubmissionLog log = new SubmissionLog();
    SimulatedCarrier before = new SimulatedCarrier(vertx, fast(log), CLOCK);
    before.onDeliveryReport(report -> Future.succeededFuture());

    before.submit(sms("SMa", NORMAL))
        .compose(a -> before.submit(sms("SMb", NORMAL)))
        .compose(b -> before.close())
        .compose(closed -> {
          // The restarted gateway gets a new carrier, but the log of what was already sent.
          SimulatedCarrier after = new SimulatedCarrier(vertx, fast(log), CLOCK);
          return after.submit(sms("SMa", NORMAL));
        })
        .onComplete(testContext.succeeding(again -> testContext.verify(() -> {
          assertThat(log.count("SMa")).isEqualTo(2);
          assertThat(log.count("SMb")).isEqualTo(1);
          assertThat(log.count("SMnever")).isZero();
          assertThat(log.counts()).isEqualTo(Map.of("SMa", 2, "SMb", 1));
          assertThat(log.duplicates()).containsExactly("SMa");
          assertThat(log.submissions()).containsExactly(
              new SubmissionLog.Submission("SMa", NORMAL, NOW, true, "Hello", false),
              new SubmissionLog.Submission("SMb", NORMAL, NOW, true, "Hello", false),
              new SubmissionLog.Submission("SMa", NORMAL, NOW, true, "Hello", false));
          testContext.completeNow();
        })));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void afterARestartItReportsWhatItOwesByTheDestinationsOutcome(
      Vertx vertx, VertxTestContext testContext) {
    SimulatedCarrier restarted = new SimulatedCarrier(vertx, fast(new SubmissionLog())
        .withOutcome("+447700900123", Outcome.sentWithoutReport()), CLOCK);
    List<DeliveryReport> reports = new CopyOnWriteArrayList<>();
    restarted.onDeliveryReport(report -> {
      reports.add(report);
      return Future.succeededFuture();
    });

    restarted.resumeReports(List.of(
        new ReportsOwedAfterRestart.OwedReport("SMa", NORMAL, List.of("a1", "a2")),
        new ReportsOwedAfterRestart.OwedReport("SMb", "+15005559991", List.of("b1")),
        new ReportsOwedAfterRestart.OwedReport("SMc", "+447700900123", List.of("c1"))));
    restarted.close().onComplete(testContext.succeeding(closed -> testContext.verify(() -> {
      // Closing waits for the reports it owes; the "sent" destination never reports.
      assertThat(reports).extracting(DeliveryReport::carrierMessageId)
          .containsExactlyInAnyOrder("a1", "a2", "b1");
      assertThat(reports).filteredOn(report -> report.carrierMessageId().equals("b1"))
          .extracting(DeliveryReport::errorCode).containsExactly(30003);
      testContext.completeNow();
    })));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void aReportRefusedWhileClosingIsLeftForTheNextStart(Vertx vertx, VertxTestContext testContext) {
    SimulatedCarrier carrier = new SimulatedCarrier(vertx, fast(new SubmissionLog()), CLOCK);
    AtomicInteger offered = new AtomicInteger();
    carrier.onDeliveryReport(report -> {
      offered.incrementAndGet();
      return Future.failedFuture("store down");
    });

    carrier.submit(sms("SMa", NORMAL))
        .compose(sent -> carrier.close())
        .onComplete(testContext.succeeding(closed -> testContext.verify(() -> {
          // Offered once and refused: the close does not wait for a store that may not return;
          // the message is still sent in the store, so the next start reports it.
          assertThat(offered.get()).isEqualTo(1);
          testContext.completeNow();
        })));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void withoutALogInItsOptionsTheCarrierKeepsItsOwn(Vertx vertx, VertxTestContext testContext) {
    SimulatedCarrier carrier = new SimulatedCarrier(vertx,
        SimulatedCarrierOptions.defaults().withSubmitLatencyMillis(1), CLOCK);
    carrier.onDeliveryReport(report -> Future.succeededFuture());

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
