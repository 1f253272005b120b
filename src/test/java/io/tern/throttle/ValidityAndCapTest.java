package io.tern.throttle;

import static io.tern.throttle.FakeClockShard.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/** ValidityPeriod expiry (30036) and the queue depth cap (30001). */
class ValidityAndCapTest {
  private static final String SENDER = "+14155550100";

  @Test
  void anEntryPastItsDeadlineComesBackExpiredAndDoesNotDelayTheNext() {
    FakeClockShard shard = new FakeClockShard();
    shard.enqueue(SENDER, 1, new QueueEntry("SM1", 1, 0, Long.MAX_VALUE));
    shard.enqueue(SENDER, 1, new QueueEntry("SMstale", 1, 0, SECOND / 2));
    shard.enqueue(SENDER, 1, new QueueEntry("SM3", 1, 0, Long.MAX_VALUE));
    shard.enqueue(SENDER, 1, new QueueEntry("SM4", 1, 0, Long.MAX_VALUE));

    shard.drain();

    assertThat(shard.dispatched).extracting(d -> d.entry().sid(), Dispatch::outcome, Dispatch::atMicros)
        .containsExactly(
            tuple("SM1", Dispatch.Outcome.SEND, 0L),
            tuple("SMstale", Dispatch.Outcome.EXPIRED, SECOND),
            tuple("SM3", Dispatch.Outcome.SEND, SECOND),
            tuple("SM4", Dispatch.Outcome.SEND, 2 * SECOND));
  }

  @Test
  void anEntryThatReachesTheHeadOnItsLastValidInstantStillGoes() {
    FakeClockShard shard = new FakeClockShard();
    shard.enqueue(SENDER, 1, new QueueEntry("SM1", 1, 0, Long.MAX_VALUE));
    shard.enqueue(SENDER, 1, new QueueEntry("SM2", 1, 0, SECOND));

    shard.drain();

    assertThat(shard.sentSids(SENDER)).containsExactly("SM1", "SM2");
  }

  @Test
  void aQueueOfOnlyExpiredEntriesLeavesNothingBehind() {
    FakeClockShard shard = new FakeClockShard();
    shard.runUntil(10 * SECOND);
    shard.enqueue(SENDER, 1, new QueueEntry("SMa", 1, 0, SECOND));
    shard.enqueue(SENDER, 1, new QueueEntry("SMb", 1, 0, 2 * SECOND));

    shard.drain();

    assertThat(shard.dispatched).extracting(Dispatch::outcome)
        .containsExactly(Dispatch.Outcome.EXPIRED, Dispatch.Outcome.EXPIRED);
    assertThat(shard.scheduler.internalSize()).isZero();
  }

  @Test
  void aOnePerSecondSenderQueuesExactlyFourHoursOfSegments() {
    ShardScheduler scheduler = new ShardScheduler(SchedulerSettings.defaults());
    for (int i = 0; i < 14_400; i++) {
      assertThat(scheduler.enqueue(SENDER, 1, entry(i, 1))).isEqualTo(EnqueueResult.ACCEPTED);
    }

    assertThat(scheduler.enqueue(SENDER, 1, entry(14_400, 1))).isEqualTo(EnqueueResult.OVERFLOW);
    assertThat(scheduler.queuedSegments(SENDER)).isEqualTo(14_400);
    assertThat(scheduler.windowEntries(SENDER)).isEqualTo(256);
    assertThat(scheduler.storedBeyondWindow(SENDER)).isEqualTo(14_400 - 256);

    // Sending one makes room for one.
    assertThat(scheduler.due(0)).hasSize(1);
    assertThat(scheduler.enqueue(SENDER, 1, entry(14_401, 1))).isEqualTo(EnqueueResult.ACCEPTED);
    assertThat(scheduler.enqueue(SENDER, 1, entry(14_402, 1))).isEqualTo(EnqueueResult.OVERFLOW);
  }

  @Test
  void theCapCountsSegmentsNotMessages() {
    ShardScheduler scheduler = new ShardScheduler(SchedulerSettings.defaults());
    for (int i = 0; i < 4_799; i++) {
      scheduler.enqueue(SENDER, 1, entry(i, 3));
    }

    assertThat(scheduler.queuedSegments(SENDER)).isEqualTo(14_397);
    assertThat(scheduler.enqueue(SENDER, 1, entry(4_799, 4))).isEqualTo(EnqueueResult.OVERFLOW);
    assertThat(scheduler.enqueue(SENDER, 1, entry(4_800, 3))).isEqualTo(EnqueueResult.ACCEPTED);
    assertThat(scheduler.enqueue(SENDER, 1, entry(4_801, 1))).isEqualTo(EnqueueResult.OVERFLOW);
  }

  @Test
  void aPerSenderOverrideChangesTheCap() {
    RateRules rules = RateRules.twilioDefaults();
    SenderClass usLongCode = RateRules.classify(SENDER);

    assertThat(acceptedBeforeOverflow(rules.rateFor(usLongCode, 2.0))).isEqualTo(28_800);
    assertThat(acceptedBeforeOverflow(rules.rateFor(usLongCode, 0.5))).isEqualTo(7_200);
  }

  @Test
  void theQueueLengthInSecondsIsConfigurable() {
    ShardScheduler scheduler =
        new ShardScheduler(SchedulerSettings.defaults().withMaxQueueSeconds(36_000));
    int accepted = 0;
    while (scheduler.enqueue(SENDER, 1, entry(accepted, 1)) == EnqueueResult.ACCEPTED) {
      accepted++;
    }

    assertThat(accepted).isEqualTo(36_000);
  }

  @Test
  void aNewSenderWhoseFirstMessageOverflowsLeavesNoState() {
    ShardScheduler scheduler = new ShardScheduler(SchedulerSettings.defaults().withMaxQueueSeconds(1));

    assertThat(scheduler.enqueue(SENDER, 1, entry(0, 2))).isEqualTo(EnqueueResult.OVERFLOW);
    assertThat(scheduler.internalSize()).isZero();
    assertThat(scheduler.due(0)).isEqualTo(List.of());
  }

  private static int acceptedBeforeOverflow(double rate) {
    ShardScheduler scheduler = new ShardScheduler(SchedulerSettings.defaults());
    int accepted = 0;
    while (scheduler.enqueue(SENDER, rate, entry(accepted, 1)) == EnqueueResult.ACCEPTED) {
      accepted++;
    }
    return accepted;
  }

  private static QueueEntry entry(int i, int segments) {
    return new QueueEntry(String.format("SM%032d", i), segments, i, Long.MAX_VALUE);
  }
}
