package io.tern.store;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The status callbacks owed to applications. {@link MessageLifecycle#applyStatusChanges} writes
 * them with the change they report; the callback sender drains them from here, in order per
 * message, and records every attempt.
 */
public interface CallbackOutbox {

  /**
   * Pending callbacks due at {@code now} (nextAttemptAt at or before it), earliest due first,
   * at most {@code limit}. Only the lowest pending sequence of each message is ever due: a
   * message's later callback waits until the earlier one is delivered or given up, so the
   * application sees a message's statuses in the order they happened.
   */
  default Future<List<PendingCallback>> dueCallbacks(Instant now, int limit) {
    return dueCallbacks(now, limit, Set.of());
  }

  /**
   * As {@link #dueCallbacks(Instant, int)}, leaving out the callbacks with the ids in
   * {@code skipping}: those the caller already holds, so a read brings only new ones, at most
   * {@code limit} of them. A skipped head still keeps its message's later callbacks waiting.
   */
  Future<List<PendingCallback>> dueCallbacks(Instant now, int limit, Set<Long> skipping);

  /**
   * Records an attempt in the callback's history and acts on its outcome: RETRY counts the
   * attempt and moves nextAttemptAt; DELIVERED and GAVE_UP finish the callback, which lets the
   * message's next callback become due. Fails with {@link NotFoundException} when no pending
   * callback has that id (it finished, or its message was deleted).
   */
  Future<Void> recordCallbackAttempt(CallbackAttempt attempt);

  /**
   * Records several attempts as {@link #recordCallbackAttempt} would, in list order, in one
   * round trip where the store can: the callback sender collects the attempts that finish while
   * a write is on its way and records them together. An attempt whose callback is no longer
   * pending is skipped rather than failing the others. When the returned future fails, any of
   * the attempts may be unrecorded; their callbacks stay due and go again (at least once).
   */
  default Future<Void> recordCallbackAttempts(List<CallbackAttempt> attempts) {
    Future<Void> chain = Future.succeededFuture();
    for (CallbackAttempt attempt : attempts) {
      chain = chain.compose(x -> recordCallbackAttempt(attempt)
          .recover(e -> e instanceof NotFoundException
              ? Future.succeededFuture() : Future.failedFuture(e)));
    }
    return chain;
  }

  /**
   * Every attempt made at the message's callbacks, oldest first; empty when the account has no
   * such message.
   */
  Future<List<CallbackAttempt>> callbackAttempts(String accountSid, String messageSid);

  /**
   * Every callback written for the message, pending or finished, by sequence, with attempts and
   * nextAttemptAt as they now are; empty when the account has no such message. With
   * {@link #callbackAttempts} it tells which status each attempt reported.
   */
  Future<List<PendingCallback>> callbacks(String accountSid, String messageSid);

  /** Callbacks not yet delivered or given up, for health and metrics. */
  Future<Integer> pendingCallbackCount();
}
