package io.tern.bus;

/** Every event-bus address Tern uses, in one place. */
public final class Addresses {
  /**
   * Request/reply, answered by validation: a {@code NewMessage} in (a message an inbound
   * conversation sends); back the committed {@code Message}, already routed on to the throttle,
   * or the {@code ApiError} it was refused with. A failure means it may not be stored: ask again.
   * Stages after validation create messages only this way, never by using validation's classes.
   */
  public static final String CREATE_MESSAGE = "tern.message.create";

  /**
   * The status writer's inbox. Only {@code io.tern.status.StatusWrites} sends here: its requests
   * are answered by their reply once committed, which may be after an outage (no timeout).
   */
  public static final String STATUS_WRITE = "tern.status.write";

  /** Send: an accepted Messaging Service message whose sender is to be chosen from the pool. */
  public static final String ASSIGN_SENDER = "tern.assign";

  /** Send: a scheduled message, to be released at its SendAt. */
  public static final String SCHEDULE = "tern.schedule";

  /**
   * Request/reply: a {@code CarrierRequest} in; back the carrier's {@code SubmitResult} once the
   * resulting status ({@code sent} with the carrier's ids, or {@code failed}) is written. Fails
   * (code 503) only when the message was certainly not handed to the carrier.
   *
   * <p>The contract with the throttle: the carrier verticle answers every request, however long
   * the connector holds the message (bind down, window full, throttled), so the requester sends
   * with {@link #CARRIER_SUBMIT_TIMEOUT_MILLIS} and never offers a message again on a failure of
   * this request: the message stays {@code sending}, and only a restart or a shard take-over
   * queues it again. A timeout firing while the connector still waits can therefore never lead
   * to a second submission.
   */
  public static final String CARRIER_SUBMIT = "tern.carrier.submit";

  /**
   * The event-bus timeout of {@link #CARRIER_SUBMIT}: in effect none (the Vert.x default of 30 s
   * would end the throttle's wait while the connector may still hand the message over).
   */
  public static final long CARRIER_SUBMIT_TIMEOUT_MILLIS = Long.MAX_VALUE / 2;

  /**
   * Request/reply: an {@code InboundSms} a carrier connection received, in; the reply means it
   * is committed, and only then does the connector acknowledge it to the carrier. No consumer,
   * or a failure, and the connector asks the carrier to deliver it again.
   */
  public static final String INBOUND_RECEIVED = "tern.inbound.received";

  /**
   * Request/reply: an {@code InboundSms} a handset sends through the simulated carrier (Tern's
   * injection endpoint), in; answered by the carrier verticle while the simulated carrier is the
   * connector, so the message takes the path a real carrier's does ({@link #INBOUND_RECEIVED}
   * through the connector's inbound hook). The reply means it is committed; a failure, that it
   * was not.
   */
  public static final String SIMULATED_INBOUND = "tern.carrier.simulated.inbound";

  /**
   * Publish, to every pod: an account sid whose opt-outs changed (a STOP or START committed);
   * each pod forgets what it keeps of that account's opt-outs.
   */
  public static final String OPT_OUTS_CHANGED = "tern.optouts.changed";

  /** Publish: new callbacks are in the outbox (a hint; the outbox is polled anyway). */
  public static final String CALLBACKS_PENDING = "tern.callbacks.pending";


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
