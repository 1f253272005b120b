package io.tern.throttle;

import static io.tern.throttle.FakeClockShard.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.metrics.SenderDepth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shard's queue totals and deepest senders, which its metrics gauges show. */
class QueuedSegmentsTest {

  @Test
  void theTotalCountsEverySenderInMemoryAndInTheStoreAndFallsAsTheyDrain() {
    FakeClockShard shard = new FakeClockShard();
    shard.enqueue("+14155550100", 1, new QueueEntry("SM1", 2, 0, Long.MAX_VALUE));
    shard.enqueue("+14155550100", 1, new QueueEntry("SM2", 3, 0, Long.MAX_VALUE));
    shard.enqueue("+447700900100", 10, new QueueEntry("SM3", 1, 0, Long.MAX_VALUE));
    // Found in the store at restart, not yet loaded: counted all the same.
    shard.scheduler.recoverStored("+14155550101", 1, 4, 7);

    assertThat(shard.scheduler.totalQueuedSegments()).isEqualTo(2 + 3 + 1 + 7);

    // SM1 and SM3 go at once; SM2 waits for the two seconds SM1's two segments hold its sender.
    shard.runUntil(SECOND);
    assertThat(shard.scheduler.totalQueuedSegments()).isEqualTo(3 + 7);
  }

  @Test
  void aSampleCountsMessagesAndSegmentsAndKeepsOnlyTheDeepestSenders() {
    // A window of two: a sender's third entry onwards is counted as waiting in the store.
    FakeClockShard shard = new FakeClockShard(SchedulerSettings.defaults().withWindow(2, 1));
    for (int i = 0; i < 5; i++) {
      shard.enqueue("+14155550100", 0.5, "SMa" + i, 2);
    }
    shard.enqueue("+14155550101", 1, "SMb0", 3);
    shard.enqueue("+14155550101", 1, "SMb1", 3);
    shard.enqueue("AC1:Brand", 10, "SMc0", 1);
    shard.scheduler.recoverStored("+14155550102", 2, 4, 8);

    ShardQueueSample sample = shard.scheduler.sample(2);

    assertThat(sample.messages()).isEqualTo(5 + 2 + 1 + 4);
    assertThat(sample.segments()).isEqualTo(10 + 6 + 1 + 8);
    assertThat(sample.deepest()).containsExactly(
        new SenderDepth("+14155550100", 5, 10, 20.0),
        new SenderDepth("+14155550102", 4, 8, 4.0));
    assertThat(sample.deepest().get(0).drainSeconds()).isEqualTo(20.0);
    assertThat(shard.scheduler.sample(0).deepest()).isEmpty();
    assertThat(shard.scheduler.sample(10).deepest()).extracting(SenderDepth::sender)
        .containsExactly("+14155550100", "+14155550102", "+14155550101", "AC1:Brand");

  }

  @Test
  void aDrainedSenderLeavesTheSampleWhileItsLastHoldStillRuns() {
    FakeClockShard shard = new FakeClockShard();
    shard.enqueue("+14155550100", 1, "SM1", 1);
    shard.enqueue("+14155550100", 1, "SM2", 3);
    assertThat(shard.scheduler.sample(5).deepest()).hasSize(1);

    shard.drain();

    assertThat(shard.scheduler.trackedSenders()).as("holding for SM2's three seconds").isEqualTo(1);
    assertThat(shard.scheduler.sample(5)).isEqualTo(new ShardQueueSample(0, 0, List.of()));
  }
}
