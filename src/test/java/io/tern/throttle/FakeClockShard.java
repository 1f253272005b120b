package io.tern.throttle;

import java.util.ArrayList;
import java.util.List;

/**
 * Drives a {@link ShardScheduler} the way its verticle will, on a clock the test moves: one
 * timer at {@code nextWakeMicros()}, {@code due(now)} when it fires, every result recorded.
 */
final class FakeClockShard {
  static final long SECOND = 1_000_000;

  final ShardScheduler scheduler;
  final List<Dispatch> dispatched = new ArrayList<>();
  private long now;

  FakeClockShard(SchedulerSettings settings) {
    this.scheduler = new ShardScheduler(settings);
  }

  FakeClockShard() {
    this(SchedulerSettings.defaults());
  }

  long now() {
    return now;
  }

  EnqueueResult enqueue(String sender, double rate, String sid, int segments) {
    return enqueue(sender, rate, new QueueEntry(sid, segments, now, Long.MAX_VALUE));
  }

  EnqueueResult enqueue(String sender, double rate, QueueEntry entry) {
    return scheduler.enqueue(sender, rate, entry);
  }

  /** Fires every timer due up to {@code until}, each at its own instant, then sets the clock there. */
  FakeClockShard runUntil(long until) {
    long wake;
    while ((wake = scheduler.nextWakeMicros()) <= until) {
      now = Math.max(now, wake);
      dispatched.addAll(scheduler.due(now));
    }
    now = Math.max(now, until);
    return this;
  }

  /** Runs until nothing is left to send. */
  FakeClockShard drain() {
    long wake;
    while ((wake = scheduler.nextWakeMicros()) != ShardScheduler.NO_WAKE) {
      now = Math.max(now, wake);
      dispatched.addAll(scheduler.due(now));
    }
    return this;
  }

  List<Dispatch> sent(String sender) {
    return dispatched.stream()
        .filter(d -> d.senderKey().equals(sender) && d.outcome() == Dispatch.Outcome.SEND)
        .toList();
  }

  List<Long> sendTimes(String sender) {
    return sent(sender).stream().map(Dispatch::atMicros).toList();
  }

  List<String> sentSids(String sender) {
    return sent(sender).stream().map(d -> d.entry().sid()).toList();
  }
}
