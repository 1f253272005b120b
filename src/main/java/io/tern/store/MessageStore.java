package io.tern.store;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;

/**
 * Where messages live. The store is the truth: a message is accepted once {@link #insert}
 * has succeeded. Every method is asynchronous and safe to call from any event loop.
 *
 * <p>Reads take the account sid so one account can never read another's messages.
 */
public interface MessageStore {

  /**
   * Commits a new message. With an idempotency key, a second insert by the same account with the
   * same key within 24 hours inserts nothing and returns the first message instead.
   */
  Future<Message> insert(Message message, String idempotencyKey);

  Future<Optional<Message>> find(String accountSid, String sid);

  Future<Page<Message>> list(MessageQuery query);

  /** Replaces the stored message with {@code message} (same sid and account). */
  Future<Message> update(Message message);

  /** Deletes the message and its media; false when there was none. */
  Future<Boolean> delete(String accountSid, String sid);

  /** Removes one media item of a message; false when there was none. */
  Future<Boolean> deleteMedia(String accountSid, String messageSid, String mediaSid);

  Future<Feedback> saveFeedback(Feedback feedback);

  /** Forgets idempotency keys older than {@code cutoff}. */
  Future<Void> expireIdempotencyKeys(Instant cutoff);
}
