package io.tern.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SubmissionLogTest {
  private static final Instant AT = Instant.parse("2025-01-01T00:00:00Z");

  @Test
  void rejectedSubmissionsAreAttemptsButNotSends() {
    SubmissionLog log = new SubmissionLog();

    log.record(new SubmissionLog.Submission("SM1", "+15005559993", AT, false));
    int sends = log.record(new SubmissionLog.Submission("SM2", "+14155550100", AT, true));

    assertThat(sends).isEqualTo(1);
    assertThat(log.attempts("SM1")).isEqualTo(1);
    assertThat(log.count("SM1")).isZero();
    assertThat(log.sentCount()).isEqualTo(1);
    assertThat(log.duplicates()).isEmpty();
  }

  @Test
  void carriersOnManyThreadsShareOneLogWithoutLosingARecord() throws InterruptedException {
    SubmissionLog log = new SubmissionLog();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    for (int thread = 0; thread < 4; thread++) {
      threads.submit(() -> {
        for (int i = 0; i < 1000; i++) {
          log.record(new SubmissionLog.Submission("SM" + i, "+14155550100", AT, true));
        }
      });
    }
    threads.shutdown();
    assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    assertThat(log.submissions()).hasSize(4000);
    assertThat(log.sentCount()).isEqualTo(1000);
    assertThat(log.counts().values()).containsOnly(4);
    assertThat(log.duplicates()).hasSize(1000);
  }
}
