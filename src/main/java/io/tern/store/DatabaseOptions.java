package io.tern.store;

import io.vertx.core.json.JsonObject;

/**
 * Where messages and accounts are kept ({@code database.*}): PostgreSQL when a URL is set, else
 * in memory.
 *
 * @param url null: the in-memory store
 * @param lookupCacheMillis how long accounts, senders and services read from PostgreSQL are
 *     remembered per node; changes made on another node apply here within this time
 * @param optOutCacheMillis how long a node keeps an account's opted-out recipients read from
 *     PostgreSQL (see {@link CachingOptOuts}); 0 reads the opt-outs for every message
 */
public record DatabaseOptions(String url, String schema, int poolSize, long lookupCacheMillis,
    long optOutCacheMillis) {

  public DatabaseOptions {
    url = url == null || url.isBlank() ? null : url.trim();
    require(schema != null && !schema.isBlank(), "database.schema must not be empty");
    require(poolSize > 0, "database.poolSize must be positive");
    require(lookupCacheMillis >= 0, "database.lookupCacheMillis must not be negative");
    require(optOutCacheMillis >= 0, "database.optOutCacheMillis must not be negative");
  }

  public boolean inMemory() {
    return url == null;
  }

  public static JsonObject defaults() {
    return new JsonObject()
        .put("url", "")
        .put("schema", "public")
        .put("poolSize", 8)
        .put("lookupCacheMillis", 5000)
        .put("optOutCacheMillis", 1000);
  }

  /** Reads a {@code database} block; a missing key keeps its default. */
  public static DatabaseOptions fromJson(JsonObject given) {
    JsonObject json = defaults().mergeIn(given == null ? new JsonObject() : given);
    return new DatabaseOptions(json.getString("url"), json.getString("schema"),
        json.getInteger("poolSize"), json.getLong("lookupCacheMillis"),
        json.getLong("optOutCacheMillis"));
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("Invalid configuration: " + message);
    }
  }
}
