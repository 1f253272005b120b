package io.tern.bus;

/** Every event-bus address Tern uses, in one place. */
public final class Addresses {
  /**
   * Request/reply: a {@code CreateMessageRequest} in; back the {@code Message} to store or the
   * {@code ApiError} to answer with.
   */
  public static final String VALIDATE = "tern.validate";

  /**
   * The status writer's inbox. Only {@code io.tern.status.StatusWrites} sends here: its requests
   * are acknowledged on receipt and answered once committed, which may be after an outage.
   */
  public static final String STATUS_WRITE = "tern.status.write";

  /** Publish: every {@code Message} whose status changed, after the change is committed. */
  public static final String STATUS_EVENTS = "tern.status";

  /** Send: an accepted Messaging Service message whose sender is to be chosen from the pool. */
  public static final String ASSIGN_SENDER = "tern.assign";

  /** Send: a scheduled message, to be released at its SendAt. */
  public static final String SCHEDULE = "tern.schedule";

  /**
   * Request/reply: an {@code OutboundSms} in; back the carrier's {@code SubmitResult} once the
   * resulting status is handed to the status writer. Fails when the carrier could not be asked.
   */
  public static final String CARRIER_SUBMIT = "tern.carrier.submit";

  /** Publish: new callbacks are in the outbox (a hint; the outbox is polled anyway). */
  public static final String CALLBACKS_PENDING = "tern.callbacks.pending";

  /**
   * Request/reply: an {@code InboundSms} the carrier received; the reply (any body) means it is
   * committed, so the carrier may acknowledge it; a failure asks the carrier to deliver it again.
   */
  public static final String INBOUND_RECEIVED = "tern.inbound.received";

  /** Publish: inbound webhooks are due (a hint; the webhook outbox is polled anyway). */
  public static final String WEBHOOKS_PENDING = "tern.inbound.webhooks.pending";

  private static final String THROTTLE_PREFIX = "tern.throttle.";

  private Addresses() {}

  /** The throttle shard that owns a sender. */
  public static String throttle(int shard) {
    return THROTTLE_PREFIX + shard;
  }

  /** Shard of a sender key: stable across pods and restarts (String.hashCode is specified). */
  public static int shardOf(String senderKey, int shards) {
    return Math.floorMod(senderKey.hashCode(), shards);
  }
}
