package io.tern.store;

import java.time.Instant;

/**
 * An inbound message whose webhook is still to be answered (the webhook outbox).
 *
 * @param optOutType {@code STOP}, {@code START} or {@code HELP} when the message was a keyword;
 *     otherwise null
 * @param attempts rounds made so far (webhook, then fallback when there is one)
 */
public record PendingWebhook(
    String messageSid,
    String accountSid,
    String optOutType,
    int attempts,
    Instant nextAttemptAt,
    Instant createdAt) {}
