package io.tern.store;

import io.tern.message.Message;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Messages as the API sees them: created, read, listed, redacted and deleted by their account.
 * The store is the truth: a message is accepted once {@link #insert} has succeeded. Every method
 * is asynchronous and safe to call from any event loop.
 *
 * <p>Every method takes the account sid so one account can never reach another's messages: a
 * sid of another account behaves exactly like a sid that does not exist. Status changes after
 * creation are not made here but through {@link MessageLifecycle}, which only moves a message
 * forward.
 *
 * <p>Timestamps are kept to the microsecond (see {@link StoredForm}); the records a store
 * returns are in that form, so a returned record equals what a later read gives.
 */
public interface Messages {

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

  /** The account's message an idempotency key was given with; empty once the key is forgotten. */
  Future<Optional<Message>> findByIdempotencyKey(String accountSid, String idempotencyKey);

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
}
