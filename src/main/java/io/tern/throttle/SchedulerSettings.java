package io.tern.throttle;

/**
 * Tuning of one shard's scheduler.
 *
 * @param windowSize entries of one sender kept in memory; the rest wait in the store
 * @param lowWaterMark ask for a refill when a sender's window holds fewer entries than this
 *     while more wait in the store (1..windowSize)
 * @param maxQueueSeconds a sender queues at most this many seconds of its own rate
 * @param maxDispatchesPerCall upper bound on what one {@link ShardScheduler#due(long)} returns,
 *     so one timer tick cannot hold the event loop for long
 */
public record SchedulerSettings(
    int windowSize, int lowWaterMark, long maxQueueSeconds, int maxDispatchesPerCall) {

  /** Four hours of queue, as DESIGN.md and Twilio's pre-2024 limit (Twilio now keeps ten). */
  public static final long DEFAULT_MAX_QUEUE_SECONDS = 14_400;

  public SchedulerSettings {
    if (windowSize < 1) {
      throw new IllegalArgumentException("windowSize must be at least 1: " + windowSize);
    }
    if (lowWaterMark < 1 || lowWaterMark > windowSize) {
      throw new IllegalArgumentException(
          "lowWaterMark must be within 1.." + windowSize + ": " + lowWaterMark);
    }
    if (maxQueueSeconds < 1) {
      throw new IllegalArgumentException("maxQueueSeconds must be positive: " + maxQueueSeconds);
    }
    if (maxDispatchesPerCall < 1) {
      throw new IllegalArgumentException(
          "maxDispatchesPerCall must be at least 1: " + maxDispatchesPerCall);
    }
  }

  public static SchedulerSettings defaults() {
    return new SchedulerSettings(256, 64, DEFAULT_MAX_QUEUE_SECONDS, 1_024);
  }

  public SchedulerSettings withWindow(int windowSize, int lowWaterMark) {
    return new SchedulerSettings(windowSize, lowWaterMark, maxQueueSeconds, maxDispatchesPerCall);
  }

  public SchedulerSettings withMaxQueueSeconds(long seconds) {
    return new SchedulerSettings(windowSize, lowWaterMark, seconds, maxDispatchesPerCall);
  }

  public SchedulerSettings withMaxDispatchesPerCall(int max) {
    return new SchedulerSettings(windowSize, lowWaterMark, maxQueueSeconds, max);
  }
}
