package io.tern.account;

import io.vertx.core.MultiMap;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The filters of one list request. Each filter read is remembered so the paging envelope can
 * repeat it in every page URI, as Twilio does; a blank value counts as absent.
 */
final class ListFilters {
  private final MultiMap query;
  private final List<Map.Entry<String, String>> echoed = new ArrayList<>();

  ListFilters(MultiMap query) {
    this.query = query;
  }

  /** The filter's value, or null when the request did not give it. */
  String take(String name) {
    String value = query.get(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    echoed.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
    return value.trim();
  }

  List<Map.Entry<String, String>> echoed() {
    return List.copyOf(echoed);
  }
}
