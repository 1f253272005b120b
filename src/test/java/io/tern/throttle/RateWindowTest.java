package io.tern.throttle;

import static io.tern.throttle.FakeClockShard.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Window accounting over long randomized runs: segments spread over each message's hold, as the
 * package documentation defines, measured from the dispatch times the fake clock records.
 */
class RateWindowTest {
  private static final double[] RATES = {0.5, 1, 3, 10, 100, 250};

  @Test
  void noOneSecondWindowEverHoldsMoreThanTheRate() {
    Random random = new Random(20_240_601);
    FakeClockShard shard = new FakeClockShard();
    long end = 20 * 60 * SECOND;
    // Arrivals in bursts around the rate, so senders alternate between backlog and idle holds.
    long[] nextArrival = new long[RATES.length];
    int sid = 0;
    for (long t = 0; t < end; t += SECOND / 10) {
      shard.runUntil(t);
      for (int s = 0; s < RATES.length; s++) {
        while (nextArrival[s] <= t) {
          int segments = 1 + random.nextInt(random.nextInt(10) == 0 ? 10 : 3);
          shard.enqueue("sender" + s, RATES[s], "SM" + sid++, segments);
          // Mean gap of 2.5 segments' hold for 2.35 segments a message: offered load just under
          // the rate, so backlogs build and drain and idle holds come and go.
          nextArrival[s] += (long) (random.nextDouble() * 5 * SECOND / RATES[s]);
        }
      }
    }
    shard.drain();

    for (int s = 0; s < RATES.length; s++) {
      List<Dispatch> sent = shard.sent("sender" + s);
      SpreadSegments spread = new SpreadSegments(RATES[s], sent);
      assertThat(sent.size()).as("sends at %s/s", RATES[s]).isGreaterThan((int) (200 * RATES[s]));
      assertThat(spread.holdsOverlap()).as("holds overlap at %s/s", RATES[s]).isFalse();
      assertThat(spread.maxOver(SECOND))
          .as("busiest one-second window at %s/s", RATES[s])
          .isLessThanOrEqualTo(RATES[s] * (1 + 1e-9))
          .isGreaterThan(RATES[s] * 0.99);
    }
  }

  @Test
  void withABacklogEveryMinuteCarriesTheRateWithinOnePercent() {
    Random random = new Random(7);
    FakeClockShard shard = new FakeClockShard();
    for (int s = 0; s < RATES.length; s++) {
      // Three minutes of backlog in mixed segment counts (mean 2 segments per message).
      long segments = 0;
      for (int i = 0; segments < 180 * RATES[s]; i++) {
        int n = 1 + random.nextInt(3);
        shard.enqueue("sender" + s, RATES[s], "SM" + s + "-" + i, n);
        segments += n;
      }
    }
    shard.drain();

    for (int s = 0; s < RATES.length; s++) {
      double rate = RATES[s];
      List<Dispatch> sent = shard.sent("sender" + s);
      SpreadSegments spread = new SpreadSegments(rate, sent);
      for (Dispatch send : sent) {
        long from = send.atMicros();
        if (from + 60 * SECOND > 170 * SECOND) {
          break; // keep every window inside the backlog
        }
        assertThat(spread.within(from, from + 60 * SECOND))
            .as("minute from %d µs at %s/s", from, rate)
            .isCloseTo(60 * rate, within(60 * rate * 0.01));
      }
      assertThat(spread.maxOver(60 * SECOND)).isLessThanOrEqualTo(60 * rate * (1 + 1e-9));
    }
  }

  @Test
  void countedAtTheirSendInstantOneSegmentMessagesNeverExceedAnIntegerRate() {
    FakeClockShard shard = new FakeClockShard();
    for (double rate : new double[] {1, 3, 10, 100}) {
      for (int i = 0; i < 10 * rate; i++) {
        shard.enqueue("sender" + rate, rate, "SM" + rate + "-" + i, 1);
      }
    }
    shard.drain();

    for (double rate : new double[] {1, 3, 10, 100}) {
      List<Long> times = shard.sendTimes("sender" + rate);
      int perWindow = (int) rate;
      // Any perWindow + 1 consecutive sends span at least a full second.
      for (int i = perWindow; i < times.size(); i++) {
        assertThat(times.get(i) - times.get(i - perWindow)).isGreaterThanOrEqualTo(SECOND);
      }
    }
  }
}
