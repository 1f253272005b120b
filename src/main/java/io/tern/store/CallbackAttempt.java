package io.tern.store;

import java.time.Instant;

/**
 * One try at delivering a status callback, and what it decided.
 *
 * @param httpStatus the response status, or null when no response came (connection refused,
 *     timeout)
 * @param error why the attempt failed, or null when it succeeded
 * @param nextAttemptAt when to try again; required with {@link Outcome#RETRY}, null otherwise
 */
public record CallbackAttempt(
    long callbackId,
    Instant at,
    Integer httpStatus,
    String error,
    Outcome outcome,
    Instant nextAttemptAt) {

  public enum Outcome {
    /** The application took it; the callback is done. */
    DELIVERED,
    /** Try again at nextAttemptAt; the callback stays pending and keeps its message's turn. */
    RETRY,
    /** No more tries; the callback is done, and the message's next callback may go. */
    GAVE_UP
  }

  public CallbackAttempt {
    if (outcome == null) {
      throw new IllegalArgumentException("An attempt needs an outcome");
    }
    if ((outcome == Outcome.RETRY) != (nextAttemptAt != null)) {
      throw new IllegalArgumentException("nextAttemptAt goes with RETRY, and only with RETRY");
    }
  }
}
