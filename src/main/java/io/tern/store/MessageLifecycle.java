package io.tern.store;

import io.tern.message.Message;
import io.tern.message.MessageStatus;
import io.tern.message.StatusChange;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.time.Instant;

/**
 * A message's way from creation to its final status: forward-only status changes (with their
 * status callbacks written to the {@link CallbackOutbox} in the same transaction), and the reads
 * that find messages on their way again (scheduled, accepted, queued, sending) after a restart
 * or when a throttle refills its queues, in creation order.
 *
 * <p>Not account-scoped: the lifecycle works on sids it took from the store. Every method is
 * asynchronous and safe to call from any event loop.
 */
public interface MessageLifecycle {

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
   * Per sender key, the messages queued or sending and their segments: what the throttle owes
   * each sender. Messages without a sender key (not yet assigned) are left out. Ordered by
   * sender key.
   */
  Future<List<SenderBacklog>> backlog();

  /**
   * One sender's queue as the store holds it now: its queued messages and their segments, and
   * its messages sending. Zeros for a sender with nothing waiting. Reads only that sender's
   * queue (the same index as {@link #queuedForSender}), so it costs what the queue holds, at
   * most the sender's queue cap.
   */
  Future<SenderQueueDepth> queueDepth(String senderKey);

  /**
   * The sender's latest send: among its outbound messages with a dateSent (the moment its
   * throttle released it to the carrier), the latest, with its segments; of two released at the
   * same moment, the one with more segments. Empty when the sender never sent. Inbound messages
   * never count, whatever their sender.
   */
  Future<Optional<LastSend>> lastSend(String senderKey);

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
   * As {@link #queuedForSender}, only what a throttle window holds of each message. The throttle
   * refills its windows from here: a store may answer it without reading the messages (the
   * PostgreSQL store reads only the queue), so it costs a fraction of the full read.
   */
  Future<List<QueuedMessage>> senderQueue(
      String senderKey, Instant afterCreated, String afterSid, int limit);

  /**
   * Messages with the status in creation order, strictly after the cursor, as in
   * {@link #queuedForSender}. Meant for scheduled and accepted messages at recovery, which are
   * indexed in creation order; queued and sending ones are read from every sender's queue and
   * sorted, final statuses would be a scan.
   */
  Future<List<Message>> findByStatus(
      MessageStatus status, Instant afterCreated, String afterSid, int limit);

  /**
   * The messages with these sids, in the order given, without the ones that do not exist.
   * Internal, not account-scoped: the scheduled release and the status writer read back with
   * this.
   */
  Future<List<Message>> findBySids(Collection<String> sids);
}
