package io.tern.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock moved forward by an offset a test can grow: real timers, jumpable dates. It
 * can also be held still for a while, so that nothing paced by it falls due meanwhile however
 * slowly the test goes; released, it jumps to the real time again (it never goes back).
 */
public final class OffsetClock extends Clock {
  private final AtomicLong offsetMillis = new AtomicLong();
  private final AtomicReference<Instant> heldAt = new AtomicReference<>();

  /** Moves the clock forward, held or not. */
  public void advance(Duration by) {
    offsetMillis.addAndGet(by.toMillis());
    heldAt.updateAndGet(held -> held == null ? null : held.plus(by));
  }

  /** Stops the clock at the present instant until {@link #release()}. */
  public void hold() {
    heldAt.set(instant());
  }

  public void release() {
    heldAt.set(null);
  }

  @Override
  public Instant instant() {
    Instant held = heldAt.get();
    return held != null ? held : Instant.now().plusMillis(offsetMillis.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
