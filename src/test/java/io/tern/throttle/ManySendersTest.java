package io.tern.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A shard at scale: 100,000 senders each with a backlog, 1,000,000 entries, drained on the fake
 * clock. It checks behaviour only (order, pacing, nothing left behind); the time and heap it
 * takes are in the README's throttle section, measured separately.
 */
class ManySendersTest {
  private static final int SENDERS = 100_000;
  private static final int PER_SENDER = 10;
  private static final double[] RATES = {1, 3, 10, 100};

  @Test
  void aHundredThousandSendersWithBacklogAllDrainInOrderAtTheirOwnRates() {
    ShardScheduler scheduler = new ShardScheduler(SchedulerSettings.defaults());
    String[] keys = new String[SENDERS];
    for (int s = 0; s < SENDERS; s++) {
      keys[s] = "+1415" + (1_000_000 + s);
    }
    for (int i = 0; i < PER_SENDER; i++) {
      for (int s = 0; s < SENDERS; s++) {
        QueueEntry entry = new QueueEntry(s + ":" + i, 1 + (s + i) % 3, i, Long.MAX_VALUE);
        assertThat(scheduler.enqueue(keys[s], rateOf(s), entry)).isEqualTo(EnqueueResult.ACCEPTED);
      }
    }
    assertThat(scheduler.readySenders()).isEqualTo(SENDERS);

    int[] nextIndex = new int[SENDERS];
    long[] freeAt = new long[SENDERS];
    long now = 0;
    long sent = 0;
    long wake;
    while ((wake = scheduler.nextWakeMicros()) != ShardScheduler.NO_WAKE) {
      now = Math.max(now, wake);
      for (Dispatch dispatch : scheduler.due(now)) {
        String sid = dispatch.entry().sid();
        int s = Integer.parseInt(sid.substring(0, sid.indexOf(':')));
        int i = Integer.parseInt(sid.substring(sid.indexOf(':') + 1));
        assertThat(i).as("order of sender %d", s).isEqualTo(nextIndex[s]);
        assertThat(dispatch.atMicros()).as("pacing of sender %d", s).isGreaterThanOrEqualTo(freeAt[s]);
        nextIndex[s]++;
        freeAt[s] = dispatch.atMicros()
            + (long) Math.ceil(dispatch.entry().segments() * 1_000_000.0 / rateOf(s));
        sent++;
      }
    }

    assertThat(sent).isEqualTo((long) SENDERS * PER_SENDER);
    scheduler.due(now + 10_000_000);
    assertThat(scheduler.internalSize()).isZero();
  }

  private static double rateOf(int sender) {
    return RATES[sender % RATES.length];
  }
}
