package io.tern.callback;

import io.tern.callback.ConnectionOverrides.RetryOn;
import io.tern.store.CallbackAttempt;
import io.tern.store.CallbackAttempt.Outcome;
import io.tern.store.PendingCallback;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides what an attempt means for its callback: delivered (2xx), tried again later, or given
 * up. By default connection failures, read failures and timeouts, 5xx, 408 and 429 are retried;
 * other 4xx and 3xx (redirects are not followed) are final, and so is a URL the outbound guard
 * refuses. Retries go on until the deadline (the status change plus {@code deadline}) or, when
 * the URL says {@code rc}, until that many retries were made. A URL's {@code rp} replaces the
 * default policy with its own list.
 */
public final class RetryRules {
  private final Backoff backoff;
  private final Duration deadline;

  public RetryRules(Backoff backoff, Duration deadline) {
    this.backoff = backoff;
    this.deadline = deadline;
  }

  /**
   * The attempt to record.
   *
   * @param at when the attempt started (its time in the history)
   * @param now when it ended; a retry is due after a wait from here
   */
  public CallbackAttempt decide(PendingCallback callback, ConnectionOverrides overrides,
      PostResult result, Instant at, Instant now) {
    return decide(callback, overrides, result, at, now, null);
  }

  /**
   * As above; a retry waits until {@code hostRetryAt} when it is given (the host did not answer,
   * see {@link HostOutages}) rather than for the callback's own backoff.
   */
  public CallbackAttempt decide(PendingCallback callback, ConnectionOverrides overrides,
      PostResult result, Instant at, Instant now, Instant hostRetryAt) {
    if (result instanceof PostResult.Answered answered && answered.isSuccess()) {
      return new CallbackAttempt(callback.id(), at, answered.status(), null, Outcome.DELIVERED, null);
    }
    Integer status = result instanceof PostResult.Answered answered ? answered.status() : null;
    if (!retryable(result, overrides)) {
      return new CallbackAttempt(callback.id(), at, status, result.error(), Outcome.GAVE_UP, null);
    }
    int failures = callback.attempts() + 1;
    if (overrides.retryCount() != null && failures > overrides.retryCount()) {
      return new CallbackAttempt(callback.id(), at, status,
          result.error() + "; no retries left (rc=" + overrides.retryCount() + ")",
          Outcome.GAVE_UP, null);
    }
    Instant next = hostRetryAt != null ? hostRetryAt : now.plus(backoff.delay(failures));
    if (next.isAfter(callback.createdAt().plus(deadline))) {
      return new CallbackAttempt(callback.id(), at, status,
          result.error() + "; deadline reached", Outcome.GAVE_UP, null);
    }
    return new CallbackAttempt(callback.id(), at, status, result.error(), Outcome.RETRY, next);
  }

  /** Whether the callback's deadline has passed: it is given up, not tried again. */
  boolean pastDeadline(PendingCallback callback, Instant now) {
    return now.isAfter(callback.createdAt().plus(deadline));
  }

  /**
   * Whether the attempt says its host is unavailable rather than something about this callback:
   * no answer at all, or 429, 502, 503, 504 (the host or the proxy before it asks to back off).
   * Backoff for these is the host's ({@link HostOutages}).
   */
  static boolean hostUnavailable(PostResult result) {
    if (result instanceof PostResult.NoAnswer) {
      return true;
    }
    return result instanceof PostResult.Answered answered
        && (answered.status() == 429 || answered.status() == 502 || answered.status() == 503
            || answered.status() == 504);
  }

  static boolean retryable(PostResult result, ConnectionOverrides overrides) {
    if (result instanceof PostResult.Refused) {
      return false;
    }
    Optional<RetryOn> kind = kindOf(result);
    if (overrides.hasRetryPolicy()) {
      return kind.isPresent() && overrides.retryPolicy().contains(kind.get());
    }
    if (result instanceof PostResult.Answered answered) {
      int code = answered.status();
      return code >= 500 || code == 408 || code == 429;
    }
    return true;
  }

  private static Optional<RetryOn> kindOf(PostResult result) {
    if (result instanceof PostResult.NoAnswer noAnswer) {
      return Optional.of(noAnswer.stage() == PostResult.Stage.CONNECT ? RetryOn.CONNECT : RetryOn.READ);
    }
    if (result instanceof PostResult.Answered answered) {
      int code = answered.status();
      if (code >= 400 && code < 500) {
        return Optional.of(RetryOn.HTTP_4XX);
      }
      if (code >= 500 && code < 600) {
        return Optional.of(RetryOn.HTTP_5XX);
      }
    }
    return Optional.empty();
  }
}
