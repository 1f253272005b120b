package io.tern.callback;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: after the n-th failure, a wait drawn uniformly from zero
 * up to {@code initial × 2^(n-1)}, capped at {@code max}. The jitter spreads the retries of many
 * callbacks that failed together (a receiver that was down) so they do not come back at once.
 */
public final class Backoff {
  private final long initialMillis;
  private final long maxMillis;
  private final DoubleSupplier random;

  public Backoff(Duration initial, Duration max) {
    this(initial, max, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** @param random values in [0, 1); tests pass a fixed one */
  public Backoff(Duration initial, Duration max, DoubleSupplier random) {
    this.initialMillis = initial.toMillis();
    this.maxMillis = max.toMillis();
    this.random = random;
  }

  /** The ceiling of the wait after {@code failures} failures (1 for the first). */
  public Duration ceiling(int failures) {
    int doublings = Math.min(Math.max(failures - 1, 0), 62);
    long ceiling = initialMillis > (maxMillis >> doublings) ? maxMillis : initialMillis << doublings;
    return Duration.ofMillis(Math.min(ceiling, maxMillis));
  }

  /** How long to wait after {@code failures} failures. */
  public Duration delay(int failures) {
    return Duration.ofMillis((long) (random.getAsDouble() * ceiling(failures).toMillis()));
  }
}
