package io.tern.throttle;

import static io.tern.throttle.FakeClockShard.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.message.text.OutgoingText;
import io.tern.message.text.SegmentCounter;
import org.junit.jupiter.api.Test;

/**
 * A sender with nothing queued when its shard moved (or its gateway restarted) is held from its
 * latest send in the store before its first message here goes: the hold is applied to a sender
 * the scheduler is only now meeting, and never shortens one it has.
 */
class HoldNewSenderTest {
  private static final String SENDER = "+14155550100";
  private final FakeClockShard shard = new FakeClockShard();
  private final ShardScheduler scheduler = shard.scheduler;

  @Test
  void aNewSenderWaitsOutThePreviousOwnersLastSendThenKeepsItsPace() {
    shard.runUntil(100 * SECOND);

    // The previous owner released a 4-segment message at 99 s: at 1/s the sender is free at 103 s.
    scheduler.holdAfterLastSend(SENDER, 1, 99 * SECOND, 4);
    shard.enqueue(SENDER, 1, "SM1", 2);
    shard.enqueue(SENDER, 1, "SM2", 1);
    shard.drain();

    assertThat(shard.sentSids(SENDER)).containsExactly("SM1", "SM2");
    assertThat(shard.sendTimes(SENDER)).containsExactly(103 * SECOND, 105 * SECOND);
  }

  @Test
  void theHoldIsKeptForASenderWithNothingQueuedYet() {
    shard.runUntil(100 * SECOND);

    scheduler.holdAfterLastSend(SENDER, 1, 99 * SECOND, 4);

    assertThat(scheduler.tracks(SENDER)).isTrue();
    assertThat(scheduler.nextWakeMicros()).isEqualTo(ShardScheduler.NO_WAKE);
    // The first message comes only later, still inside the hold.
    shard.runUntil(102 * SECOND);
    shard.enqueue(SENDER, 1, "SM1", 1);
    shard.drain();
    assertThat(shard.sendTimes(SENDER)).containsExactly(103 * SECOND);
  }

  @Test
  void aHoldAlreadyOverHoldsNothingAndLeavesNothingBehind() {
    shard.runUntil(100 * SECOND);
    scheduler.due(100 * SECOND); // the scheduler knows the time from its last due()

    scheduler.holdAfterLastSend(SENDER, 1, 90 * SECOND, 4);

    assertThat(scheduler.tracks(SENDER)).isFalse();
    assertThat(scheduler.internalSize()).isZero();
    shard.enqueue(SENDER, 1, "SM1", 1);
    shard.drain();
    assertThat(shard.sendTimes(SENDER)).containsExactly(100 * SECOND);
  }

  @Test
  void aSenderThatNeverSentIsNotHeld() {
    shard.runUntil(100 * SECOND);

    scheduler.holdAfterLastSend(SENDER, 1, 0, 0);

    assertThat(scheduler.tracks(SENDER)).isFalse();
    shard.enqueue(SENDER, 1, "SM1", 1);
    shard.drain();
    assertThat(shard.sendTimes(SENDER)).containsExactly(100 * SECOND);
  }

  @Test
  void anOlderSendNeverShortensTheHoldTheSenderHas() {
    shard.enqueue(SENDER, 1, "SM1", 4);
    shard.runUntil(0); // SM1 sent at 0: held until 4 s

    scheduler.holdAfterLastSend(SENDER, 1, -2 * SECOND, 1);
    shard.enqueue(SENDER, 1, "SM2", 1);
    shard.drain();

    assertThat(shard.sendTimes(SENDER)).containsExactly(0L, 4 * SECOND);
  }

  @Test
  void aLaterSendMovesASenderAlreadyWaitingToSend() {
    shard.enqueue("+447700900200", 1, "SMother", 1);
    shard.enqueue(SENDER, 1, "SM1", 1);

    scheduler.holdAfterLastSend(SENDER, 1, 0, 3);
    shard.drain();

    assertThat(shard.sendTimes("+447700900200")).containsExactly(0L);
    assertThat(shard.sendTimes(SENDER)).containsExactly(3 * SECOND);
  }

  @Test
  void aHeldIdleSenderIsDroppedOnceTheHoldIsOver() {
    shard.runUntil(100 * SECOND);
    scheduler.holdAfterLastSend(SENDER, 1, 99 * SECOND, 4);

    shard.runUntil(103 * SECOND);
    scheduler.due(103 * SECOND);

    assertThat(scheduler.tracks(SENDER)).isFalse();
    assertThat(scheduler.internalSize()).isZero();
  }

  @Test
  void noMessageHasMoreSegmentsThanTheBoundOnAPreviousOwnersHold() {
    // 1,600 characters outside the BMP behind the trial prefix: the longest body validation lets by.
    String longest = OutgoingText.TRIAL_PREFIX + "\uD83D\uDE00".repeat(1600);

    assertThat(SegmentCounter.count(longest).segments())
        .isLessThanOrEqualTo(ThrottleVerticle.MOST_SEGMENTS_PER_MESSAGE);
    assertThat(SegmentCounter.count("€".repeat(1600)).segments())
        .isLessThanOrEqualTo(ThrottleVerticle.MOST_SEGMENTS_PER_MESSAGE);
  }
}
