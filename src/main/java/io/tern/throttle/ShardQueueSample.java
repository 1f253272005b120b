package io.tern.throttle;

import io.tern.metrics.SenderDepth;
import java.util.List;

/**
 * What one shard has queued, in memory and in the store, as its scheduler counts it: totals,
 * and its deepest senders (most queued segments first) for the per-sender gauges.
 */
public record ShardQueueSample(long messages, long segments, List<SenderDepth> deepest) {
  public ShardQueueSample {
    deepest = List.copyOf(deepest);
  }
}
