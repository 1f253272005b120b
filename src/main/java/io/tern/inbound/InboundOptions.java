package io.tern.inbound;

import io.vertx.core.json.JsonObject;

/**
 * Received messages ({@code inbound.*}).
 *
 * @param partsTimeoutMillis how long the parts of a long message wait for the missing ones;
 *     then what arrived is stored with error 30009
 * @param webhookTimeoutMillis connect, read and total timeout of one webhook request, unless
 *     the URL's connection overrides say otherwise
 * @param webhookRetryMinutes how long a webhook whose receiver cannot be reached is tried again
 * @param pollMillis how often the webhook outbox is read when nothing announces new messages
 * @param maxRedirects {@code <Redirect>}s followed for one message before giving up
 */
public record InboundOptions(long partsTimeoutMillis, long webhookTimeoutMillis,
    long webhookRetryMinutes, long pollMillis, int maxRedirects) {

  public InboundOptions {
    require(partsTimeoutMillis > 0, "inbound.partsTimeoutMillis must be positive");
    require(webhookTimeoutMillis > 0, "inbound.webhookTimeoutMillis must be positive");
    require(webhookRetryMinutes >= 0, "inbound.webhookRetryMinutes must be 0 or more");
    require(pollMillis > 0, "inbound.pollMillis must be positive");
    require(maxRedirects >= 0, "inbound.maxRedirects must be 0 or more");
  }

  public static JsonObject defaults() {
    return new JsonObject()
        .put("partsTimeoutMillis", 300_000)
        .put("webhookTimeoutMillis", 15_000)
        .put("webhookRetryMinutes", 60)
        .put("pollMillis", 1000)
        .put("maxRedirects", 5);
  }

  /** Reads an {@code inbound} block; a missing key keeps its default. */
  public static InboundOptions fromJson(JsonObject given) {
    JsonObject json = defaults().mergeIn(given == null ? new JsonObject() : given);
    return new InboundOptions(json.getLong("partsTimeoutMillis"), json.getLong("webhookTimeoutMillis"),
        json.getLong("webhookRetryMinutes"), json.getLong("pollMillis"), json.getInteger("maxRedirects"));
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("Invalid configuration: " + message);
    }
  }
}
