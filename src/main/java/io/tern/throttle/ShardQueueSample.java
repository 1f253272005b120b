package io.tern.throttle;

import java.util.List;

/**
 * What one shard has queued, in memory and in the store, as its scheduler counts it: totals,
 * and its deepest senders (most queued segments first) for the per-sender gauges.
 */
public record ShardQueueSample(long messages, long segments, List<Sender> deepest) {
  public static final ShardQueueSample EMPTY = new ShardQueueSample(0, 0, List.of());

  public ShardQueueSample {
    deepest = List.copyOf(deepest);
  }

  /** One sender's queue: its key, messages and segments, and its rate in segments per second. */
  public record Sender(String key, long messages, long segments, double rate) {
    /** Seconds until the sender's rate has let everything queued through. */
    public double drainSeconds() {
      return segments / rate;
    }
  }
}
