package io.tern.metrics;

import io.vertx.core.json.JsonObject;

/**
 * @param enabled Vert.x's and Tern's meters, scraped at {@code GET /metrics} on the API port
 * @param topSenders senders whose queues get series of their own ({@code tern_sender_queue_*}),
 *     the deepest first; the rest are only counted per shard, so the series stay bounded
 */
public record MetricsOptions(boolean enabled, int topSenders) {

  public MetricsOptions {
    if (topSenders < 0) {
      throw new IllegalArgumentException("Invalid configuration: metrics.topSenders must not be negative");
    }
  }

  public MetricsOptions(boolean enabled) {
    this(enabled, 20);
  }

  public static JsonObject defaults() {
    return new JsonObject().put("enabled", true).put("topSenders", 20);
  }

  /** Reads a {@code metrics} block; a missing key keeps its default. */
  public static MetricsOptions fromJson(JsonObject given) {
    JsonObject json = defaults().mergeIn(given == null ? new JsonObject() : given);
    return new MetricsOptions(json.getBoolean("enabled"), json.getInteger("topSenders"));
  }
}
