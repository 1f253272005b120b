package io.tern.logging;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How Tern logs ({@code log.*}).
 *
 * @param level the root level: error, warn, info, debug or trace
 * @param levels levels by logger (package or class name), over the root level
 * @param format {@code text} for people, {@code json} (one object a line) for log collectors
 * @param accessLog one line per API request: method, path, status, duration and request id
 */
public record LogOptions(String level, Map<String, String> levels, String format, boolean accessLog) {

  public static final Set<String> LEVELS = Set.of("error", "warn", "info", "debug", "trace", "off");
  public static final Set<String> FORMATS = Set.of("text", "json");
  /** Keys (relative to {@code log}) whose children are data, not option names. */
  public static final Set<String> FREE_FORM_KEYS = Set.of("levels");

  public LogOptions {
    level = requireLevel(level, "log.level");
    Map<String, String> checked = new LinkedHashMap<>();
    levels.forEach((logger, value) -> checked.put(logger, requireLevel(value, "log.levels." + logger)));
    levels = Map.copyOf(checked);
    format = format.trim().toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(format)) {
      throw new IllegalArgumentException("Invalid configuration: log.format must be text or json, not '"
          + format + "'");
    }
  }

  public static LogOptions defaultOptions() {
    return new LogOptions("info", Map.of(), "text", false);
  }

  public static JsonObject defaults() {
    return new JsonObject()
        .put("level", "info")
        .put("levels", new JsonObject())
        .put("format", "text")
        .put("accessLog", false);
  }

  /** Reads a {@code log} block; a missing key keeps its default. */
  public static LogOptions fromJson(JsonObject given) {
    JsonObject json = defaults().mergeIn(given == null ? new JsonObject() : given, true);
    Map<String, String> levels = new LinkedHashMap<>();
    json.getJsonObject("levels").forEach(entry -> levels.put(entry.getKey(), String.valueOf(entry.getValue())));
    return new LogOptions(json.getString("level"), levels, json.getString("format"),
        json.getBoolean("accessLog"));
  }

  private static String requireLevel(String value, String key) {
    String level = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    if (!LEVELS.contains(level)) {
      throw new IllegalArgumentException("Invalid configuration: " + key
          + " must be one of error, warn, info, debug, trace, off, not '" + value + "'");
    }
    return level;
  }
}
