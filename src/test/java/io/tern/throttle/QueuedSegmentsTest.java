package io.tern.throttle;

import static io.tern.throttle.FakeClockShard.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shard's total of queued segments, which its metrics gauge shows. */
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
}
