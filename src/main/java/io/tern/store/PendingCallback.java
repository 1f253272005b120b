package io.tern.store;

import io.tern.message.MessageStatus;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A status callback in the outbox: written in the same transaction as the status change it
 * reports, so a change is never committed without its callback, and delivered from here until
 * the application takes it or Tern gives up.
 *
 * @param url where to POST: the message's StatusCallback, else its Messaging Service's
 * @param sequence the callback's place among its message's callbacks (1, 2, ...); a message's
 *     callbacks are delivered one at a time in this order
 * @param params the form parameters, fixed when the status changed (see {@link CallbackForm});
 *     sorted by name, the order the signature is computed in
 * @param idempotencyToken unique to this callback, sent with every attempt so the application
 *     can recognise a retry of a callback it already took
 * @param attempts attempts made so far
 * @param nextAttemptAt when the callback is next due
 */
public record PendingCallback(
    long id,
    String messageSid,
    String accountSid,
    String url,
    MessageStatus status,
    int sequence,
    Map<String, String> params,
    String idempotencyToken,
    int attempts,
    Instant nextAttemptAt,
    Instant createdAt) {

  public PendingCallback {
    params = Collections.unmodifiableMap(new TreeMap<>(params));
  }

  /**
   * Whether a change to {@code status} is reported to the application (reference §6): every
   * change after creation that Twilio reports. {@code queued} is a change only for a Messaging
   * Service message (it was created accepted or scheduled); a message sent from its own number
   * is created queued. {@code sending} is a resource state Twilio does not report.
   */
  public static boolean reports(MessageStatus status, boolean viaService) {
    return switch (status) {
      case QUEUED -> viaService;
      case CANCELED, SENT, FAILED, DELIVERED, UNDELIVERED -> true;
      default -> false;
    };
  }

  /** The same callback after an attempt that asks for a retry. */
  public PendingCallback retriedAt(Instant next) {
    return new PendingCallback(id, messageSid, accountSid, url, status, sequence, params,
        idempotencyToken, attempts + 1, next, createdAt);
  }
}
