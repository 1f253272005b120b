package io.tern.bus;

/** Every event-bus address Tern uses, in one place. */
public final class Addresses {
  /** Request/reply: a {@code CreateMessageRequest} in, a {@code ValidationOutcome} back. */
  public static final String VALIDATE = "tern.validate";

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
