package io.tern.validation;

import io.vertx.core.json.JsonObject;

/**
 * MediaUrl checks ({@code media.*}).
 *
 * @param timeoutMillis per MediaUrl check
 * @param imageBytes limit for jpeg, png and gif
 * @param otherBytes limit for the other accepted types
 */
public record MediaOptions(long timeoutMillis, long imageBytes, long otherBytes) {

  public MediaOptions {
    require(timeoutMillis > 0, "media.timeoutMillis must be positive");
    require(imageBytes > 0, "media.imageBytes must be positive");
    require(otherBytes > 0, "media.otherBytes must be positive");
  }

  public static JsonObject defaults() {
    return new JsonObject()
        .put("timeoutMillis", 5000)
        .put("imageBytes", 5_242_880)
        .put("otherBytes", 512_000);
  }

  /** Reads a {@code media} block; a missing key keeps its default. */
  public static MediaOptions fromJson(JsonObject given) {
    JsonObject json = defaults().mergeIn(given == null ? new JsonObject() : given);
    return new MediaOptions(
        json.getLong("timeoutMillis"), json.getLong("imageBytes"), json.getLong("otherBytes"));
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("Invalid configuration: " + message);
    }
  }
}
