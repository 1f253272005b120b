package io.tern.validation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Message validation ({@code validation.*}).
 *
 * @param instances validation verticles, which create the replies to inbound messages (the API
 *     validates on its own event loops); 0 is one per core
 * @param alphaUnsupportedCountries destination countries (ISO 3166 alpha-2, upper case) that
 *     refuse alphanumeric sender IDs
 * @param mmsConverter outside US/CA, send MMS as SMS with media links (false: refuse with 21612)
 */
public record ValidationOptions(int instances, Set<String> alphaUnsupportedCountries, boolean mmsConverter) {

  public ValidationOptions {
    if (instances < 0) {
      throw new IllegalArgumentException(
          "Invalid configuration: validation.instances must be 0 (one per core) or more");
    }
    alphaUnsupportedCountries = alphaUnsupportedCountries.stream()
        .map(String::toUpperCase).collect(Collectors.toUnmodifiableSet());
  }

  public static JsonObject defaults() {
    return new JsonObject()
        .put("instances", 0)
        .put("alphaUnsupportedCountries", new JsonArray(List.of(
            "US", "CA", "PR", "CN", "BR", "AR", "CL", "CO", "MX", "VN", "KR", "JP", "IN", "TR", "UY")))
        .put("mmsConverter", true);
  }

  /** Reads a {@code validation} block; a missing key keeps its default. */
  public static ValidationOptions fromJson(JsonObject given) {
    JsonObject json = defaults().mergeIn(given == null ? new JsonObject() : given);
    return new ValidationOptions(json.getInteger("instances"),
        json.getJsonArray("alphaUnsupportedCountries").stream().map(String::valueOf)
            .collect(Collectors.toSet()),
        json.getBoolean("mmsConverter"));
  }
}
