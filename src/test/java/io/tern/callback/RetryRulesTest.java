package io.tern.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.store.CallbackAttempt;
import io.tern.store.CallbackAttempt.Outcome;
import io.tern.message.MessageStatus;
import io.tern.store.PendingCallback;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryRulesTest {
  private static final Instant CREATED = Instant.parse("2025-01-06T14:00:00Z");
  private static final Instant AT = CREATED.plusSeconds(5);
  private static final Instant NOW = AT.plusMillis(200);

  // Half the ceiling every time: 1 s after the first failure, 2 s after the third, ...
  private final RetryRules rules = new RetryRules(
      new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(10), () -> 0.5), Duration.ofHours(24));

  private static PendingCallback callback(int attemptsSoFar) {
    return new PendingCallback(7, "SM0123456789abcdef0123456789abcdef",
        "AC0123456789abcdef0123456789abcdef", "https://app.example.com/status",
        MessageStatus.SENT, 1, Map.of(), "token", attemptsSoFar, CREATED, CREATED);
  }

  private CallbackAttempt decide(PendingCallback callback, String url, PostResult result) {
    return rules.decide(callback, ConnectionOverrides.of(url), result, AT, NOW);
  }

  @Test
  void a2xxAnswerDeliversIt() {
    CallbackAttempt attempt = decide(callback(0), "https://a.example/", new PostResult.Answered(204));

    assertThat(attempt).isEqualTo(new CallbackAttempt(7, AT, 204, null, Outcome.DELIVERED, null));
  }

  @Test
  void serverErrorsTimeoutsAndConnectionFailuresAreRetriedWithBackoff() {
    assertThat(decide(callback(0), "https://a.example/", new PostResult.Answered(500)))
        .isEqualTo(new CallbackAttempt(7, AT, 500, "HTTP 500", Outcome.RETRY, NOW.plusSeconds(1)));
    assertThat(decide(callback(2), "https://a.example/", new PostResult.Answered(503)).nextAttemptAt())
        .isEqualTo(NOW.plusSeconds(4));
    assertThat(decide(callback(0), "https://a.example/", new PostResult.Answered(408)).outcome())
        .isEqualTo(Outcome.RETRY);
    assertThat(decide(callback(0), "https://a.example/", new PostResult.Answered(429)).outcome())
        .isEqualTo(Outcome.RETRY);
    assertThat(decide(callback(0), "https://a.example/",
        new PostResult.NoAnswer(PostResult.Stage.CONNECT, "connection refused")))
        .isEqualTo(new CallbackAttempt(7, AT, null, "connection refused", Outcome.RETRY,
            NOW.plusSeconds(1)));
    assertThat(decide(callback(0), "https://a.example/",
        new PostResult.NoAnswer(PostResult.Stage.READ, "no answer within 15000 ms")).outcome())
        .isEqualTo(Outcome.RETRY);
  }

  @Test
  void otherClientErrorsRedirectsAndRefusalsAreFinal() {
    assertThat(decide(callback(0), "https://a.example/", new PostResult.Answered(404)))
        .isEqualTo(new CallbackAttempt(7, AT, 404, "HTTP 404", Outcome.GAVE_UP, null));
    assertThat(decide(callback(0), "https://a.example/", new PostResult.Answered(301)).outcome())
        .isEqualTo(Outcome.GAVE_UP);
    assertThat(decide(callback(0), "https://a.example/",
        new PostResult.Refused("refused by the outbound check: its address is link-local")))
        .isEqualTo(new CallbackAttempt(7, AT, null,
            "refused by the outbound check: its address is link-local", Outcome.GAVE_UP, null));
  }

  @Test
  void retriesStopAtTheDeadline() {
    PendingCallback old = new PendingCallback(7, "SM0123456789abcdef0123456789abcdef",
        "AC0123456789abcdef0123456789abcdef", "https://a.example/", MessageStatus.SENT, 1,
        Map.of(), "token", 30, NOW, CREATED.minus(Duration.ofHours(24)));

    CallbackAttempt attempt = decide(old, "https://a.example/", new PostResult.Answered(500));

    assertThat(attempt.outcome()).isEqualTo(Outcome.GAVE_UP);
    assertThat(attempt.error()).isEqualTo("HTTP 500; deadline reached");
  }

  @Test
  void rcCountsRetriesAfterTheFirstAttempt() {
    String url = "https://a.example/#rc=1";

    assertThat(decide(callback(0), url, new PostResult.Answered(500)).outcome())
        .isEqualTo(Outcome.RETRY);
    CallbackAttempt second = decide(callback(1), url, new PostResult.Answered(500));
    assertThat(second.outcome()).isEqualTo(Outcome.GAVE_UP);
    assertThat(second.error()).isEqualTo("HTTP 500; no retries left (rc=1)");
    assertThat(decide(callback(0), "https://a.example/#rc=0", new PostResult.Answered(500)).outcome())
        .isEqualTo(Outcome.GAVE_UP);
  }

  @Test
  void rpReplacesTheDefaultPolicy() {
    String only4xx = "https://a.example/#rp=4xx";
    assertThat(decide(callback(0), only4xx, new PostResult.Answered(404)).outcome())
        .isEqualTo(Outcome.RETRY);
    assertThat(decide(callback(0), only4xx, new PostResult.Answered(500)).outcome())
        .isEqualTo(Outcome.GAVE_UP);

    String connectOnly = "https://a.example/#rp=ct";
    assertThat(decide(callback(0), connectOnly,
        new PostResult.NoAnswer(PostResult.Stage.CONNECT, "connection refused")).outcome())
        .isEqualTo(Outcome.RETRY);
    assertThat(decide(callback(0), connectOnly,
        new PostResult.NoAnswer(PostResult.Stage.READ, "no data within 100 ms")).outcome())
        .isEqualTo(Outcome.GAVE_UP);

    assertThat(decide(callback(0), "https://a.example/#rp=all", new PostResult.Answered(302)).outcome())
        .as("redirects are never retried").isEqualTo(Outcome.GAVE_UP);
  }
}
