package io.tern.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.message.CarrierMessageIds;
import io.tern.message.MessageStatus;
import io.tern.store.CarrierIds;
import io.tern.store.CarrierIdsContractTest;
import io.tern.store.CarrierOutcome;
import io.tern.store.CarrierReport;
import io.tern.store.MessageStore;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryCarrierIdsTest extends CarrierIdsContractTest {
  private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
  private static final String CONNECTION = "smpp-main";

  private final InMemoryMessageStore store = new InMemoryMessageStore(new InMemoryAccountRegistry());
  private final InMemoryCarrierIds ids = new InMemoryCarrierIds(sid -> null);

  @Override
  protected MessageStore store() {
    return store;
  }

  @Override
  protected CarrierIds carrierIds() {
    return store.carrierIds();
  }

  // forgetReports, exactly: these tests keep reports in carrier ids of their own (no message
  // store beside them, ids recorded by hand), so every count is theirs.

  @Test
  void forgetReportsForgetsThoseReceivedBeforeTheCutoffAndSaysHowMany() {
    keep("a", T0.minusSeconds(90));
    keep("b", T0.minusSeconds(60));
    keep("c", T0);

    assertThat(forget(T0.minusSeconds(60))).as("received at the cutoff is not before it").isOne();
    assertThat(forget(T0.minusSeconds(30))).isOne();
    assertThat(forget(T0.minusSeconds(30))).as("nothing left before it").isZero();
    assertThat(forget(T0.plusSeconds(1))).isOne();
  }

  @Test
  void aReportReceivedBeforeOneKeptEarlierIsStillForgottenInTime() {
    keep("late", T0);
    keep("early", T0.minusSeconds(60));
    keep("later", T0.plusSeconds(60));

    assertThat(forget(T0.minusSeconds(30))).isOne();
    assertThat(forget(T0.plusSeconds(30))).isOne();
    assertThat(forget(T0.plusSeconds(90))).isOne();
  }

  @Test
  void aReportKeptAgainAfterTheFirstWasForgottenSurvivesACutoffBetweenThem() {
    keep("a", T0.minusSeconds(60));
    assertThat(forget(T0.minusSeconds(30))).isOne();
    keep("a", T0, MessageStatus.UNDELIVERED);

    assertThat(forget(T0.minusSeconds(30))).as("the first one is gone already").isZero();
    ids.record("SM1", new CarrierMessageIds(CONNECTION, List.of("a")));
    assertThat(done(ids.outcome("SM1"))).map(CarrierOutcome::status)
        .contains(MessageStatus.UNDELIVERED);

    assertThat(forget(T0.plusSeconds(1))).isOne();
    assertThat(done(ids.outcome("SM1"))).isEmpty();
  }

  @Test
  void aDuplicateKeepsNoTimeOfItsOwn() {
    keep("a", T0.minusSeconds(60));
    keep("a", T0, MessageStatus.UNDELIVERED);

    assertThat(forget(T0.minusSeconds(30))).as("the first one stood, and is forgotten").isOne();
    assertThat(forget(T0.plusSeconds(1))).isZero();
  }

  @Test
  void aForgottenUnmatchedReportIsNotMatchedLater() {
    keep("a", T0.minusSeconds(60));
    forget(T0);
    ids.record("SM1", new CarrierMessageIds(CONNECTION, List.of("a")));

    assertThat(done(ids.recentlyMatched(10))).isEmpty();
    assertThat(done(ids.outcome("SM1"))).isEmpty();
  }

  private void keep(String carrierId, Instant receivedAt) {
    keep(carrierId, receivedAt, MessageStatus.DELIVERED);
  }

  private void keep(String carrierId, Instant receivedAt, MessageStatus status) {
    Integer error = status == MessageStatus.DELIVERED ? null : 30003;
    Optional<CarrierOutcome> outcome = done(ids.keep(new CarrierReport(CONNECTION, carrierId,
        status, error, null, receivedAt, receivedAt)));
    assertThat(outcome).as("no message has this id").isEmpty();
  }

  private int forget(Instant cutoff) {
    return done(ids.forgetReports(cutoff));
  }

  /** The in-memory carrier ids answer at once: the result, or the test fails. */
  private static <T> T done(Future<T> future) {
    assertThat(future.succeeded()).as("%s", future.cause()).isTrue();
    return future.result();
  }
}
