package io.tern.callback;

import io.vertx.core.json.JsonObject;

/**
 * Status callback delivery ({@code callbacks.*}).
 *
 * @param pollMillis how often the outbox is read when nothing announces new callbacks
 * @param batchSize callbacks read from the outbox at a time
 * @param maxConnectionsPerHost posts in flight to one host (scheme, host and port) at a time
 * @param timeoutMillis connect, read and total timeout of one post unless the URL overrides it
 * @param initialBackoffMillis the first retry waits up to this long (full jitter)
 * @param maxBackoffMillis no retry waits longer than this
 * @param deadlineHours a callback not delivered this long after its status change is given up
 */
public record CallbackOptions(long pollMillis, int batchSize, int maxConnectionsPerHost,
    long timeoutMillis, long initialBackoffMillis, long maxBackoffMillis, long deadlineHours) {

  public CallbackOptions {
    require(pollMillis > 0, "callbacks.pollMillis must be positive");
    require(batchSize > 0, "callbacks.batchSize must be positive");
    require(maxConnectionsPerHost > 0, "callbacks.maxConnectionsPerHost must be positive");
    require(timeoutMillis > 0, "callbacks.timeoutMillis must be positive");
    require(initialBackoffMillis > 0 && maxBackoffMillis >= initialBackoffMillis,
        "callbacks.initialBackoffMillis must be positive and at most callbacks.maxBackoffMillis");
    require(deadlineHours > 0, "callbacks.deadlineHours must be positive");
  }

  public static JsonObject defaults() {
    return new JsonObject()
        .put("pollMillis", 1000)
        .put("batchSize", 100)
        .put("maxConnectionsPerHost", 64)
        .put("timeoutMillis", 15_000)
        .put("initialBackoffMillis", 1000)
        .put("maxBackoffMillis", 600_000)
        .put("deadlineHours", 24);
  }

  /** Reads a {@code callbacks} block; a missing key keeps its default. */
  public static CallbackOptions fromJson(JsonObject given) {
    JsonObject json = defaults().mergeIn(given == null ? new JsonObject() : given);
    return new CallbackOptions(json.getLong("pollMillis"), json.getInteger("batchSize"),
        json.getInteger("maxConnectionsPerHost"), json.getLong("timeoutMillis"),
        json.getLong("initialBackoffMillis"), json.getLong("maxBackoffMillis"),
        json.getLong("deadlineHours"));
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("Invalid configuration: " + message);
    }
  }
}
