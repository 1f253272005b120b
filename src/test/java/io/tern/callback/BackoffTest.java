package io.tern.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(10), () -> 0.5);

  @Test
  void theCeilingDoublesWithEachFailureUpToTheMaximum() {
    assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(16));
    assertThat(backoff.ceiling(10)).isEqualTo(Duration.ofSeconds(512));
    assertThat(backoff.ceiling(11)).isEqualTo(Duration.ofMinutes(10));
    assertThat(backoff.ceiling(1_000)).as("no overflow").isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void theWaitIsARandomShareOfTheCeiling() {
    assertThat(backoff.delay(3)).isEqualTo(Duration.ofSeconds(2));
    assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(10), () -> 0.0).delay(3))
        .isEqualTo(Duration.ZERO);
  }

  @Test
  void realJitterStaysUnderTheCeiling() {
    Backoff random = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
    for (int failures = 1; failures < 20; failures++) {
      assertThat(random.delay(failures)).isBetween(Duration.ZERO, random.ceiling(failures));
    }
  }
}
