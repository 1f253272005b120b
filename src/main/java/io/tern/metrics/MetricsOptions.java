package io.tern.metrics;

import io.vertx.core.json.JsonObject;

/**
 * @param enabled Vert.x's and Tern's meters, scraped at {@code GET /metrics} on the API port
 * @param topSenders how many senders (the deepest queues of this gateway) get gauges of their
 *     own; 0 for none. Bounded so the series stay few whatever the number of senders.
 */
public record MetricsOptions(boolean enabled, int topSenders) {
  public static final int DEFAULT_TOP_SENDERS = 10;

  public MetricsOptions {
    if (topSenders < 0) {
      throw new IllegalArgumentException(
          "Invalid configuration: metrics.topSenders must be 0 or more, not " + topSenders);
    }
  }

  public MetricsOptions(boolean enabled) {
    this(enabled, DEFAULT_TOP_SENDERS);
  }

  public static JsonObject defaults() {
    return new JsonObject().put("enabled", true).put("topSenders", DEFAULT_TOP_SENDERS);
  }

  /** Reads a {@code metrics} block; a missing key keeps its default. */
  public static MetricsOptions fromJson(JsonObject given) {
    JsonObject json = defaults().mergeIn(given == null ? new JsonObject() : given);
    return new MetricsOptions(json.getBoolean("enabled"), json.getInteger("topSenders"));
  }
}
