package io.tern.store;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What receiving messages needs beyond {@link MessageStore}: who a number belongs to, the parts
 * of long messages until they are complete, and the webhook outbox with its attempt log. The
 * received message itself is inserted through {@link MessageStore#insert}.
 *
 * <p>Everything here is durable in the PostgreSQL store, so a restart (or another pod) picks up
 * held parts and webhooks not yet answered.
 */
public interface InboundStore {

  /** The account and webhook settings of a registered number or short code; empty when unknown. */
  Future<Optional<InboundRecipient>> findRecipient(String address);

  /**
   * Holds a part (a second copy of the same sequence is ignored) and returns every part of its
   * group held now, by sequence.
   */
  Future<List<InboundPart>> holdPart(InboundPart part);

  /** Forgets the parts of a group once its message is stored. */
  Future<Void> releaseParts(String groupKey);

  /** Every part of the groups that have a part received before {@code cutoff}, by group and sequence. */
  Future<List<InboundPart>> partsWaitingSince(Instant cutoff);

  /**
   * Puts an inbound message's webhook in the outbox, due at {@code due}; nothing when it is there
   * already (a carrier's redelivery).
   */
  Future<Void> enqueueWebhook(String accountSid, String messageSid, String optOutType, Instant due);

  /**
   * Whether the message's webhook was ever put in the outbox, answered since or not. The receiver
   * writes it last, so a redelivered message whose webhook is there was handled in full before.
   */
  Future<Boolean> hasWebhook(String messageSid);

  /**
   * Webhooks due at {@code now}, at most {@code limit}, earliest first, each claimed until
   * {@code claimUntil} (its next attempt moves there), so two pods never work on one at once and
   * one left by a dead pod becomes due again.
   */
  Future<List<PendingWebhook>> claimDueWebhooks(Instant now, Instant claimUntil, int limit);

  /** Sets when a webhook is tried again and how many rounds it has had. */
  Future<Void> retryWebhook(String messageSid, int attempts, Instant nextAttemptAt);

  /** Takes a webhook out of the outbox: answered, or given up. */
  Future<Void> finishWebhook(String messageSid, Instant at);

  Future<Void> recordWebhookAttempt(WebhookAttempt attempt);

  /** The requests made for an inbound message, oldest first; empty for another account's. */
  Future<List<WebhookAttempt>> webhookAttempts(String accountSid, String messageSid);
}
