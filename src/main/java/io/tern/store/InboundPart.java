package io.tern.store;

import java.time.Instant;

/**
 * One part of a long message received, held until its other parts arrive.
 *
 * @param groupKey the parts of one message share it (connection, sender, recipient, reference,
 *     total)
 * @param sequence 1-based position in the message
 */
public record InboundPart(
    String groupKey,
    int sequence,
    int total,
    String connection,
    String carrierId,
    String from,
    String to,
    String body,
    Instant receivedAt) {}
