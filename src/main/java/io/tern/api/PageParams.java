package io.tern.api;

import io.vertx.core.MultiMap;
import java.util.List;

/**
 * Paging parameters of a list request. PageSize is clamped to 1–1000 rather than refused:
 * Twilio's SDKs send the caller's whole limit as PageSize, sometimes twice.
 */
public record PageParams(int pageSize, int page, String pageToken) {
  public static final int DEFAULT_SIZE = 50;
  public static final int MAX_SIZE = 1000;

  public static PageParams from(MultiMap query) {
    return new PageParams(
        clamp(lastInt(query.getAll("PageSize"), DEFAULT_SIZE), 1, MAX_SIZE),
        Math.max(0, lastInt(query.getAll("Page"), 0)),
        blankToNull(query.get("PageToken")));
  }

  /**
   * Offset of this page's first item when paging by position; a long, since Page may be as
   * large as an int holds and PageSize up to 1,000.
   */
  public long offset() {
    return (long) page * pageSize;
  }

  private static int lastInt(List<String> values, int fallback) {
    for (int i = values.size() - 1; i >= 0; i--) {
      try {
        return Integer.parseInt(values.get(i).trim());
      } catch (NumberFormatException ignored) {
        // An unreadable value counts as absent; the next one back may still be usable.
      }
    }
    return fallback;
  }

  private static int clamp(int value, int min, int max) {
    return Math.max(min, Math.min(max, value));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
