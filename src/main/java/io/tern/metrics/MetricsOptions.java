package io.tern.metrics;

import io.vertx.core.json.JsonObject;

/** @param enabled Vert.x's and Tern's meters, scraped at {@code GET /metrics} on the API port */
public record MetricsOptions(boolean enabled) {

  public static JsonObject defaults() {
    return new JsonObject().put("enabled", true);
  }

  /** Reads a {@code metrics} block; a missing key keeps its default. */
  public static MetricsOptions fromJson(JsonObject given) {
    JsonObject json = defaults().mergeIn(given == null ? new JsonObject() : given);
    return new MetricsOptions(json.getBoolean("enabled"));
  }
}
