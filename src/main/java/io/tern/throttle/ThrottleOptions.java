package io.tern.throttle;

import io.vertx.core.json.JsonObject;

/**
 * The per-sender queues ({@code throttle.*}).
 *
 * @param shards sender shards ({@code tern.throttle.<shard>})
 * @param maxQueueSeconds a sender queues at most this many seconds of its own rate
 * @param queueWindow a sender's messages held in memory
 * @param refillBelow read more from the store when the window holds fewer than this
 * @param maxDispatchesPerTick per shard timer tick
 * @param rates default segments per second by sender kind; a sender's own Throughput wins
 */
public record ThrottleOptions(int shards, long maxQueueSeconds, int queueWindow, int refillBelow,
    int maxDispatchesPerTick, DefaultRates rates) {

  public ThrottleOptions {
    if (shards <= 0) {
      throw new IllegalArgumentException("Invalid configuration: throttle.shards must be positive");
    }
    try {
      new SchedulerSettings(queueWindow, refillBelow, maxQueueSeconds, maxDispatchesPerTick);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid configuration: throttle: " + e.getMessage(), e);
    }
  }

  public SchedulerSettings schedulerSettings() {
    return new SchedulerSettings(queueWindow, refillBelow, maxQueueSeconds, maxDispatchesPerTick);
  }

  public static JsonObject defaults() {
    return new JsonObject()
        .put("shards", 8)
        .put("maxQueueSeconds", SchedulerSettings.DEFAULT_MAX_QUEUE_SECONDS)
        .put("queueWindow", 256)
        .put("refillBelow", 64)
        .put("maxDispatchesPerTick", 1024)
        .put("rates", new JsonObject()
            .put("usCaLongCode", DefaultRates.TWILIO.usCaLongCode())
            .put("usCaTollFree", DefaultRates.TWILIO.usCaTollFree())
            .put("otherLongCode", DefaultRates.TWILIO.otherLongCode())
            .put("alphanumeric", DefaultRates.TWILIO.alphanumeric())
            .put("shortCode", DefaultRates.TWILIO.shortCode()));
  }

  /** Reads a {@code throttle} block; a missing key keeps its default. */
  public static ThrottleOptions fromJson(JsonObject given) {
    JsonObject json = defaults().mergeIn(given == null ? new JsonObject() : given, true);
    JsonObject rates = json.getJsonObject("rates");
    DefaultRates defaultRates;
    try {
      defaultRates = new DefaultRates(
          rates.getDouble("usCaLongCode"),
          rates.getDouble("usCaTollFree"),
          rates.getDouble("otherLongCode"),
          rates.getDouble("alphanumeric"),
          rates.getDouble("shortCode"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid configuration: throttle.rates." + e.getMessage(), e);
    }
    return new ThrottleOptions(json.getInteger("shards"), json.getLong("maxQueueSeconds"),
        json.getInteger("queueWindow"), json.getInteger("refillBelow"),
        json.getInteger("maxDispatchesPerTick"), defaultRates);
  }
}
