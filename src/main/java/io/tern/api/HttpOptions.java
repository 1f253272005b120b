package io.tern.api;

import io.vertx.core.json.JsonObject;

/**
 * The API's HTTP server ({@code http.*}).
 *
 * @param instances ingress verticles; 0 is one per core
 * @param publicBaseUrl the base URL clients use, for absolute URLs in responses; empty: taken
 *     from each request's Host header
 * @param idleTimeoutMillis a connection with nothing read or written this long is closed; 0: never
 * @param requestHeadersTimeoutMillis a request head must be complete this long after the
 *     connection opened or its previous answer was written, or the connection is closed; 0: off
 */
public record HttpOptions(
    String host, int port, long bodyLimitBytes, int instances, String publicBaseUrl,
    long idleTimeoutMillis, long requestHeadersTimeoutMillis) {

  public HttpOptions {
    require(port >= 0 && port <= 65535, "http.port must be 0-65535");
    require(bodyLimitBytes > 0, "http.bodyLimitBytes must be positive");
    require(instances >= 0, "http.instances must be 0 (one per core) or more");
    require(idleTimeoutMillis >= 0, "http.idleTimeoutMillis must be 0 (off) or positive");
    require(requestHeadersTimeoutMillis >= 0,
        "http.requestHeadersTimeoutMillis must be 0 (off) or positive");
    publicBaseUrl = publicBaseUrl.endsWith("/")
        ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
  }

  public static JsonObject defaults() {
    return new JsonObject()
        .put("host", "0.0.0.0")
        .put("port", 8080)
        .put("bodyLimitBytes", 1_048_576)
        .put("instances", 0)
        .put("publicBaseUrl", "")
        .put("idleTimeoutMillis", 60_000)
        .put("requestHeadersTimeoutMillis", 20_000);
  }

  /** Reads an {@code http} block; a missing key keeps its default. */
  public static HttpOptions fromJson(JsonObject given) {
    JsonObject json = defaults().mergeIn(given == null ? new JsonObject() : given);
    return new HttpOptions(json.getString("host"), json.getInteger("port"),
        json.getLong("bodyLimitBytes"), json.getInteger("instances"), json.getString("publicBaseUrl"),
        json.getLong("idleTimeoutMillis"), json.getLong("requestHeadersTimeoutMillis"));
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("Invalid configuration: " + message);
    }
  }
}
