package io.tern.store;

import io.tern.message.Media;
import io.tern.message.Message;
import io.tern.message.MessageStatus;
import io.tern.message.StatusChange;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where messages live. The store is the truth: a message is accepted once {@link #insert}
 * has succeeded. Every method is asynchronous and safe to call from any event loop.
 *
 * <p>Reads and writes take the account sid so one account can never reach another's messages:
 * a sid of another account behaves exactly like a sid that does not exist.
 *
 * <p>Messages on their way (scheduled, accepted, queued, sending) are found again from here
 * after a restart: {@link #backlog}, {@link #queuedForSender} and {@link #findByStatus} read
 * them back in creation order. Status changes after creation go through
 * {@link #applyStatusChanges}, which only moves a message forward and writes the status callbacks
 * to an outbox in the same transaction; {@link #dueCallbacks} and {@link #recordCallbackAttempt}
 * drain it.
 *
 * <p>Timestamps are kept to the microsecond (see {@link StoredForm}); the records a store
 * returns are in that form, so a returned record equals what a later read gives.
 */
public interface MessageStore {

  /** How long an idempotency key keeps answering with its first message. */
  Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

  /**
   * Commits a new message with its media and returns it as stored. Media are stored under the
   * message: their account and parent sid are the message's.
   *
   * <p>With a non-null idempotency key, a second insert by the same account with the same key
   * inserts nothing and returns the first message instead, as long as the second message's
   * {@code dateCreated} is less than {@link #IDEMPOTENCY_WINDOW} after the first's (the window is
   * measured on the messages' own clock, so it is testable and the same on every node). Two
   * concurrent inserts with one key commit one message. A key whose message was deleted is
   * forgotten with it.
   *
   * <p>Fails with {@link DuplicateException} when a message with the same sid exists.
   */
  Future<Message> insert(Message message, String idempotencyKey);

  Future<Optional<Message>> find(String accountSid, String sid);

  /**
   * One page of the account's messages, newest first: by dateCreated descending, then sid
   * descending. {@code to} and {@code from} match exactly; the dateSent bounds are inclusive
   * from, exclusive until, and a message without dateSent never matches a date bound. With
   * {@code afterSid}, the page holds the items strictly after that message in this order; with
   * {@code beforeSid}, the {@code pageSize} items strictly before it (still newest first, and
   * {@code hasMore} tells whether still newer ones exist). When that message no longer exists
   * in the account the page is empty. {@code pageSize} must be at least 1.
   */
  Future<Page<Message>> list(MessageQuery query);

  /**
   * Replaces the stored message's fields with those of {@code message}, found by sid within its
   * account. dateCreated (the listing position) and the media stay as stored; media change only
   * through {@link #deleteMedia}. Returns the message as now stored; fails with
   * {@link NotFoundException} when the account has no such message.
   */
  Future<Message> update(Message message);

  /**
   * Empties the body of a message in a final state (Twilio's redaction) and touches nothing
   * else, so it cannot undo a status change written at the same time. Empty when the account
   * has no such message or it is not final yet.
   */
  Future<Optional<Message>> redact(String accountSid, String sid, Instant at);

  /**
   * Deletes the message, its media, feedback, idempotency key and status callbacks (pending or
   * done, with their attempts); false when there was none.
   */
  Future<Boolean> delete(String accountSid, String sid);

  /** Removes one media item of a message; false when there was none. */
  Future<Boolean> deleteMedia(String accountSid, String messageSid, String mediaSid);

  /**
   * Records (or replaces) the feedback of a message; a replacement keeps the first dateCreated.
   * Fails with {@link NotFoundException} when the account has no such message.
   */
  Future<Feedback> saveFeedback(Feedback feedback);

  /** Forgets idempotency keys created before {@code cutoff}. */
  Future<Void> expireIdempotencyKeys(Instant cutoff);

  // Lifecycle: status changes and the callback outbox

  /**
   * Applies status changes in one transaction and returns, for each change in order, the message
   * as it now is, or null when the change was not applied: no such message, or not forward (see
   * {@link MessageStatus#canMoveTo}: a final status never changes, a late {@code sent} after
   * {@code delivered} is ignored, only a scheduled message is canceled). Changes to one message
   * apply in list order, so {@code sent} then {@code delivered} in one batch both apply.
   *
   * <p>An applied change sets the status and dateUpdated ({@link StatusChange#at}) and every
   * non-null field it carries; a {@code from} moves the message to that sender's queue (its
   * {@link Message#senderKey}). When the new status is reported ({@link PendingCallback#reports})
   * and the message has a callback URL (its statusCallback, else its Messaging Service's), a
   * {@link PendingCallback} is written in the same transaction, due at {@code at}.
   *
   * <p>Not account-scoped: the lifecycle works on sids it took from the store. All or nothing:
   * when the returned future fails, none of the batch was applied.
   */
  Future<List<Message>> applyStatusChanges(List<StatusChange> changes);

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

  // Recovery and refill

  /**
   * Per sender key, the messages queued or sending and their segments: what the throttle owes
   * each sender. Messages without a sender key (not yet assigned) are left out. Ordered by
   * sender key.
   */
  Future<List<SenderBacklog>> backlog();

  /**
   * Puts every {@code sending} message back to {@code queued}; the number moved. Called once at
   * start-up, before any shard dispatches: a message left {@code sending} by a crash was moved
   * but its carrier answer never recorded, so it may not have reached the carrier and is sent
   * again (the one case where a message can reach the carrier twice). No callback is written:
   * {@code queued} was its state already as far as the application knows.
   */
  Future<Integer> requeueInterrupted();

  /**
   * As {@link #requeueInterrupted()}, for the messages of these senders only: a pod that takes
   * over a throttle shard of a cluster requeues what the shard's previous owner left
   * {@code sending}, and nothing of the shards other pods are sending from.
   */
  Future<Integer> requeueInterrupted(Collection<String> senderKeys);

  /**
   * The sender's queued and sending messages in creation order (dateCreated, then sid), strictly
   * after the cursor ({@code afterCreated}, {@code afterSid}, the position of the last message
   * of the previous call), at most {@code limit}. A null cursor (both null) starts from the
   * oldest. The throttle refills its queue windows from here.
   */
  Future<List<Message>> queuedForSender(
      String senderKey, Instant afterCreated, String afterSid, int limit);

  /**
   * Messages with the status in creation order, strictly after the cursor, as in
   * {@link #queuedForSender}. Meant for statuses on the way (scheduled and accepted at
   * recovery), which are indexed; final statuses would be a scan.
   */
  Future<List<Message>> findByStatus(
      MessageStatus status, Instant afterCreated, String afterSid, int limit);

  /**
   * The messages with these sids, in the order given, without the ones that do not exist.
   * Internal, not account-scoped: the throttle loads what it dispatches with this.
   */
  Future<List<Message>> findBySids(Collection<String> sids);
}
