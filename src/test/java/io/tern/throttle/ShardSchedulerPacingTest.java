package io.tern.throttle;

import static io.tern.throttle.FakeClockShard.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Pacing per sender, fairness between senders, and what an idle sender leaves behind. */
class ShardSchedulerPacingTest {
  private final RateRules rules = RateRules.twilioDefaults();
  private final FakeClockShard shard = new FakeClockShard();

  @Test
  void aUsLongCodeSendsOneSegmentPerSecond() {
    double rate = rules.rateFor(RateRules.classify("+14155550100"));
    for (int i = 1; i <= 5; i++) {
      shard.enqueue("+14155550100", rate, "SM" + i, 1);
    }

    shard.drain();

    assertThat(shard.sentSids("+14155550100")).containsExactly("SM1", "SM2", "SM3", "SM4", "SM5");
    assertThat(shard.sendTimes("+14155550100"))
        .containsExactly(0L, SECOND, 2 * SECOND, 3 * SECOND, 4 * SECOND);
  }

  @Test
  void aUkNumberSendsTenInItsFirstSecond() {
    double rate = rules.rateFor(RateRules.classify("+447700900100"));
    for (int i = 0; i < 25; i++) {
      shard.enqueue("+447700900100", rate, "SM" + i, 1);
    }

    shard.runUntil(SECOND - 1);

    assertThat(shard.sendTimes("+447700900100")).hasSize(10)
        .allSatisfy(t -> assertThat(t).isBetween(0L, SECOND - 1));
    assertThat(shard.runUntil(2 * SECOND - 1).sent("+447700900100")).hasSize(20);
  }

  @Test
  void aThreeSegmentMessageHoldsA1PerSecondSenderThreeSeconds() {
    shard.enqueue("+14155550100", 1, "SMlong", 3);
    shard.enqueue("+14155550100", 1, "SMnext", 1);

    shard.drain();

    assertThat(shard.sendTimes("+14155550100")).containsExactly(0L, 3 * SECOND);
  }

  @Test
  void theHoldOutlivesTheQueueSoAMessageArrivingInsideItWaits() {
    shard.enqueue("+14155550100", 1, "SM1", 3);
    shard.drain().runUntil(SECOND);

    shard.enqueue("+14155550100", 1, "SM2", 1);
    shard.drain();
    shard.runUntil(10 * SECOND);
    shard.enqueue("+14155550100", 1, "SM3", 1);
    shard.drain();

    // SM2 waits out SM1's hold; SM3 finds the sender idle and goes at once, with no burst credit.
    assertThat(shard.sendTimes("+14155550100")).containsExactly(0L, 3 * SECOND, 10 * SECOND);
  }

  @Test
  void tollFreeAndFractionalRatesSpaceMessagesBySegmentsOverRate() {
    shard.enqueue("+18005550100", 3, "TF1", 1);
    shard.enqueue("+18005550100", 3, "TF2", 1);
    shard.enqueue("+18005550100", 3, "TF3", 1);
    shard.enqueue("+18005550100", 3, "TF4", 1);
    shard.enqueue("slow", 0.5, "S1", 1);
    shard.enqueue("slow", 0.5, "S2", 1);
    shard.enqueue("fast", 250, "F1", 1);
    shard.enqueue("fast", 250, "F2", 2);
    shard.enqueue("fast", 250, "F3", 1);

    shard.drain();

    // A third of a second rounds up to the next microsecond, never down.
    assertThat(shard.sendTimes("+18005550100")).containsExactly(0L, 333_334L, 666_668L, 1_000_002L);
    assertThat(shard.sendTimes("slow")).containsExactly(0L, 2 * SECOND);
    assertThat(shard.sendTimes("fast")).containsExactly(0L, 4_000L, 12_000L);
  }

  @Test
  void twoSendersInOneShardEachGetTheirFullRate() {
    for (int i = 0; i < 100; i++) {
      shard.enqueue("busy", 1, "B" + i, 1);
    }
    for (int i = 0; i < 5; i++) {
      shard.enqueue("quiet", 1, "Q" + i, 1);
    }

    shard.runUntil(5 * SECOND - 1);

    assertThat(shard.sendTimes("quiet")).containsExactly(0L, SECOND, 2 * SECOND, 3 * SECOND, 4 * SECOND);
    assertThat(shard.sendTimes("busy")).containsExactly(0L, SECOND, 2 * SECOND, 3 * SECOND, 4 * SECOND);
  }

  @Test
  void everySenderDueAtTheSameInstantIsReturnedByOneCall() {
    for (int i = 0; i < 1_000; i++) {
      shard.enqueue("+1415555" + String.format("%04d", i), 1, "SM" + i, 1);
    }

    List<Dispatch> due = shard.scheduler.due(0);

    assertThat(due).hasSize(1_000).allSatisfy(d -> {
      assertThat(d.outcome()).isEqualTo(Dispatch.Outcome.SEND);
      assertThat(d.atMicros()).isZero();
    });
    assertThat(due.stream().map(Dispatch::senderKey).distinct()).hasSize(1_000);
  }

  @Test
  void aBoundedCallLeavesTheRestDueNow() {
    ShardScheduler scheduler =
        new ShardScheduler(SchedulerSettings.defaults().withMaxDispatchesPerCall(100));
    IntStream.range(0, 250).forEach(i ->
        scheduler.enqueue("sender" + i, 1, new QueueEntry("SM" + i, 1, 0, Long.MAX_VALUE)));
    long now = 5 * SECOND;

    assertThat(scheduler.due(now)).hasSize(100);
    assertThat(scheduler.nextWakeMicros()).isEqualTo(now);
    assertThat(scheduler.due(now)).hasSize(100);
    assertThat(scheduler.due(now)).hasSize(50);
    assertThat(scheduler.nextWakeMicros()).isEqualTo(ShardScheduler.NO_WAKE);
  }

  @Test
  void aSenderWithBacklogWakesTheTimerAtItsNextFreeInstant() {
    shard.enqueue("+14155550100", 1, "SM1", 2);
    shard.enqueue("+14155550100", 1, "SM2", 1);

    assertThat(shard.scheduler.nextWakeMicros()).isZero();
    shard.scheduler.due(0);
    assertThat(shard.scheduler.nextWakeMicros()).isEqualTo(2 * SECOND);
  }

  @Test
  void anIdleSenderCostsNothingOnceItsHoldHasExpired() {
    for (int i = 0; i < 10; i++) {
      shard.enqueue("sender" + i, 1, "SM" + i + "a", 1);
      shard.enqueue("sender" + i, 1, "SM" + i + "b", 2);
    }
    shard.drain();

    // Queues are empty, but the 2-segment holds run until 3 s: only the hold is remembered.
    assertThat(shard.scheduler.readySenders()).isZero();
    assertThat(shard.scheduler.trackedSenders()).isEqualTo(10);
    assertThat(shard.scheduler.nextWakeMicros()).isEqualTo(ShardScheduler.NO_WAKE);

    shard.scheduler.due(3 * SECOND);

    assertThat(shard.scheduler.internalSize()).isZero();
  }
}
