package io.tern.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.message.MessageStatus;
import io.tern.store.AwaitedReport;
import io.tern.store.CarrierIds;
import io.tern.store.CarrierOutcome;
import io.tern.store.CarrierReport;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportBatchesTest {
  private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");

  /**
   * A store that holds each keepAll open until the test answers it, so the test decides when a
   * batch is done (a real store answers as soon as it can, which leaves the grouping to timing).
   */
  private static final class HeldStore implements CarrierIds {
    final List<List<CarrierReport>> calls = new ArrayList<>();
    final List<Promise<List<Optional<CarrierOutcome>>>> answers = new ArrayList<>();

    @Override
    public Future<List<Optional<CarrierOutcome>>> keepAll(List<CarrierReport> reports) {
      calls.add(reports);
      Promise<List<Optional<CarrierOutcome>>> answer = Promise.promise();
      answers.add(answer);
      return answer.future();
    }

    void answerDelivered(int call) {
      answers.get(call).complete(calls.get(call).stream()
          .map(report -> Optional.of(new CarrierOutcome("SM-" + report.carrierId(),
              MessageStatus.DELIVERED, null, null, report.doneDate())))
          .toList());
    }

    @Override
    public Future<Map<String, CarrierOutcome>> outcomes(Set<String> messageSids) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<List<String>> recentlyMatched(int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<Void> markMatched(List<String> messageSids) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<List<AwaitedReport>> awaitingReports(String connection, String afterSid, int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<Integer> forgetReports(Instant cutoff) {
      throw new UnsupportedOperationException();
    }
  }

  private static CarrierReport report(String id) {
    return new CarrierReport("simulated", id, MessageStatus.DELIVERED, null, null, T0, T0);
  }

  @Test
  void reportsThatArriveWhileABatchIsKeptGoTogetherInTheNext() {
    HeldStore store = new HeldStore();
    ReportBatches batches = new ReportBatches(store);

    Future<Optional<CarrierOutcome>> first = batches.keep(report("1"));
    List<Future<Optional<CarrierOutcome>>> later = List.of(
        batches.keep(report("2")), batches.keep(report("3")), batches.keep(report("4")));

    assertThat(store.calls).hasSize(1);
    store.answerDelivered(0);
    assertThat(first.result()).map(CarrierOutcome::messageSid).contains("SM-1");
    assertThat(store.calls).hasSize(2);
    assertThat(store.calls.get(1)).extracting(CarrierReport::carrierId).containsExactly("2", "3", "4");
    assertThat(later).noneMatch(Future::isComplete);

    store.answerDelivered(1);
    assertThat(later).extracting(outcome -> outcome.result().orElseThrow().messageSid())
        .containsExactly("SM-2", "SM-3", "SM-4");
  }

  @Test
  void aBatchTheStoreFailsFailsEachOfItsReportsAndTheNextBatchStillGoes() {
    HeldStore store = new HeldStore();
    ReportBatches batches = new ReportBatches(store);

    Future<Optional<CarrierOutcome>> first = batches.keep(report("1"));
    Future<Optional<CarrierOutcome>> second = batches.keep(report("2"));
    store.answers.get(0).fail(new IllegalStateException("connection lost"));

    assertThat(first.failed()).isTrue();
    assertThat(store.calls).hasSize(2);
    store.answerDelivered(1);
    assertThat(second.result()).isPresent();
  }

  @Test
  void aBatchHoldsAtMostTheLimit() {
    HeldStore store = new HeldStore();
    ReportBatches batches = new ReportBatches(store);

    batches.keep(report("first"));
    for (int i = 0; i < ReportBatches.MAX_BATCH + 3; i++) {
      batches.keep(report("r" + i));
    }
    store.answerDelivered(0);
    store.answerDelivered(1);

    assertThat(store.calls.get(1)).hasSize(ReportBatches.MAX_BATCH);
    assertThat(store.calls.get(2)).hasSize(3);
  }
}
