package io.tern.store;

/**
 * What one sender has waiting (queued or sending) in the store: the throttle rebuilds its queues
 * and queue-depth accounting from this after a restart.
 */
public record SenderBacklog(String senderKey, long messages, long segments) {}
