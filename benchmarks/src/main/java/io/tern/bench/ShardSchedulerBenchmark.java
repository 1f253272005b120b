package io.tern.bench;

import io.tern.throttle.Dispatch;
import io.tern.throttle.EnqueueResult;
import io.tern.throttle.QueueEntry;
import io.tern.throttle.SchedulerSettings;
import io.tern.throttle.ShardScheduler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One shard's scheduler in steady state on a fake clock: every sender has a backlog and sends at
 * 1 segment/s (a US long code), and each operation is what the shard's verticle does per message,
 * one {@code enqueue} (the next sender in turn gets a new message) and one {@code due(now)} with
 * the clock advanced by 1 s / senders, so that on average one sender falls due per call and the
 * backlog neither grows nor drains. The cost per operation shows how scheduling scales with the
 * number of senders with backlog (a heap of senders: O(log S) per dispatch).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@State(Scope.Benchmark)
public class ShardSchedulerBenchmark {
  private static final double RATE = 1.0;
  private static final long HOLD_MICROS = 1_000_000;
  /** Entries queued per sender before measuring (one is sent at once during set-up). */
  private static final int BACKLOG = 4;
  /** Sids are reused: entries only need increasing creation times, not unique sids. */
  private static final int SID_POOL = 4_096;

  @Param({"10", "10000", "100000"})
  int senders;

  private ShardScheduler scheduler;
  private String[] senderKeys;
  private String[] sids;
  private long stepMicros;
  private long now;
  private int nextSender;
  private int nextSid;
  /** Creation times strictly increase, as the store's order (created, sid) expects. */
  private long created;

  @Setup(Level.Trial)
  public void fillBacklog() {
    scheduler = new ShardScheduler(SchedulerSettings.defaults());
    senderKeys = new String[senders];
    for (int i = 0; i < senders; i++) {
      senderKeys[i] = String.format("+1415%07d", i);
    }
    sids = new String[SID_POOL];
    for (int i = 0; i < SID_POOL; i++) {
      sids[i] = String.format("SM%032x", i);
    }
    stepMicros = HOLD_MICROS / senders;
    now = 1_000_000;
    // Senders become busy one step apart, so their next-send times are spread evenly over one
    // hold, as they are in a shard that has been running for a while.
    for (int s = 0; s < senders; s++) {
      for (int k = 0; k < BACKLOG; k++) {
        enqueue(senderKeys[s]);
      }
      now += stepMicros;
      scheduler.due(now);
    }
  }

  @Benchmark
  public List<Dispatch> enqueueAndDue() {
    enqueue(senderKeys[nextSender]);
    nextSender = nextSender + 1 == senders ? 0 : nextSender + 1;
    now += stepMicros;
    return scheduler.due(now);
  }

  private void enqueue(String senderKey) {
    String sid = sids[nextSid];
    nextSid = nextSid + 1 == SID_POOL ? 0 : nextSid + 1;
    EnqueueResult result =
        scheduler.enqueue(senderKey, RATE, new QueueEntry(sid, 1, ++created, Long.MAX_VALUE));
    if (result != EnqueueResult.ACCEPTED) {
      throw new IllegalStateException("enqueue gave " + result + " for " + senderKey);
    }
  }
}
