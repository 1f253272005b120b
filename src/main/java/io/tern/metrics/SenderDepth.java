package io.tern.metrics;

import java.util.Comparator;

/**
 * One sender's queue for the per-sender gauges.
 *
 * @param sender the sender key: a number or short code, or account and ID for an alphanumeric
 *     sender ID
 * @param messages messages queued, in memory and in the store
 * @param segments their segments
 * @param drainSeconds how long the sender's rate takes to let them all through
 */
public record SenderDepth(String sender, long messages, long segments, double drainSeconds) {
  /** Most queued segments first; the sender breaks ties, so a ranking is the same however built. */
  public static final Comparator<SenderDepth> DEEPEST_FIRST =
      Comparator.comparingLong(SenderDepth::segments).reversed().thenComparing(SenderDepth::sender);
}
