package io.tern.store;

/**
 * How deep one sender's queue is in the store, counted when asked.
 *
 * @param queuedMessages messages {@code queued} behind the sender
 * @param queuedSegments their segments: what the sender's rate still has to let through, and
 *     what its queue cap counts
 * @param sendingMessages messages moved to {@code sending} whose carrier answer is not yet
 *     written (already paid for at the sender's rate)
 */
public record SenderQueueDepth(long queuedMessages, long queuedSegments, long sendingMessages) {
  public static final SenderQueueDepth EMPTY = new SenderQueueDepth(0, 0, 0);
}
