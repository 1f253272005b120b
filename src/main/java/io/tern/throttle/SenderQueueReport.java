package io.tern.throttle;

import io.tern.store.SenderQueueDepth;

/**
 * One sender's queue as an account sees it: how deep it is in the store, and the rate and cap
 * that decide how fast it drains and when it overflows (30001).
 *
 * @param sender the {@code From}: an E.164 number, short code digits or alphanumeric ID
 * @param rate the sender's configured rate in segments per second: its Throughput when its
 *     number or short code has one, else the default of its kind
 * @param capSegments the most segments it may queue: {@code rate × throttle.maxQueueSeconds}
 */
public record SenderQueueReport(String sender, SenderKind kind, SenderQueueDepth depth, double rate,
    long capSegments) {

  /**
   * Whole seconds, rounded up, that the sender's rate needs to let its queued segments through
   * from when it may next send. Messages already sending are paid for and not counted.
   */
  public long drainSeconds() {
    return (long) Math.ceil(depth.queuedSegments() / rate);
  }
}
