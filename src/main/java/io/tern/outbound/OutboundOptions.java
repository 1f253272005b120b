package io.tern.outbound;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Which addresses Tern may fetch from or post to ({@code outbound.*}).
 *
 * @param deny CIDRs refused on top of the built-in ranges
 * @param allow CIDRs re-opened inside the built-in ranges
 */
public record OutboundOptions(boolean allowLoopback, List<String> deny, List<String> allow) {

  public OutboundOptions {
    deny = List.copyOf(deny);
    allow = List.copyOf(allow);
  }

  public static JsonObject defaults() {
    return new JsonObject()
        .put("allowLoopback", false)
        .put("deny", new JsonArray())
        .put("allow", new JsonArray());
  }

  /** Reads an {@code outbound} block; a missing key keeps its default. */
  public static OutboundOptions fromJson(JsonObject given) {
    JsonObject json = defaults().mergeIn(given == null ? new JsonObject() : given);
    return new OutboundOptions(json.getBoolean("allowLoopback"),
        strings(json.getJsonArray("deny")), strings(json.getJsonArray("allow")));
  }

  private static List<String> strings(JsonArray array) {
    return array.stream().map(String::valueOf).toList();
  }
}
