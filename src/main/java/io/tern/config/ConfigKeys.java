package io.tern.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The keys Tern knows and the type of each, learnt from the built-in defaults: a value in the
 * file or the environment that names no key, or has the wrong type, stops the start with the
 * key's name (and, for a misspelt one, the nearest known key), never a silent default.
 */
final class ConfigKeys {
  private final JsonObject defaults;
  private final Set<String> freeForm;
  /** Environment variable name → dotted key, for every key that is not inside a free-form map. */
  private final Map<String, String> byEnvName = new LinkedHashMap<>();

  ConfigKeys(JsonObject defaults, Set<String> freeForm) {
    this.defaults = defaults;
    this.freeForm = freeForm;
    collectLeaves(defaults, "");
  }

  /** {@code outbound.allowLoopback} → {@code TERN_OUTBOUND_ALLOW_LOOPBACK}. */
  static String envName(String path) {
    return "TERN_" + path.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
  }

  /** Every key (dotted) a file may set, outside the free-form maps. */
  List<String> paths() {
    return List.copyOf(byEnvName.values());
  }

  /** Refuses unknown keys and values of the wrong type in a file's tree. */
  void checkFile(JsonObject file) {
    checkObject(file, defaults, "");
  }

  /** The value of environment variable {@code name} for its key, typed as the key's default. */
  Map.Entry<String, Object> fromEnvironment(String name, String raw) {
    String path = byEnvName.get(name);
    if (path == null) {
      throw new IllegalArgumentException("Invalid configuration: unknown environment variable "
          + name + nearest(name, byEnvName.keySet()));
    }
    Object typeOf = defaultAt(path);
    String where = name + " (" + path + ")";
    String value = raw.trim();
    Object parsed;
    if (typeOf instanceof JsonArray) {
      parsed = new JsonArray(Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    } else if (typeOf instanceof Boolean) {
      parsed = parseBoolean(value, where);
    } else if (typeOf instanceof Double || typeOf instanceof Float) {
      parsed = parseDecimal(value, where);
    } else if (typeOf instanceof Number) {
      parsed = parseWhole(value, where, typeOf instanceof Integer);
    } else {
      parsed = raw;
    }
    return Map.entry(path, parsed);
  }

  private void collectLeaves(JsonObject node, String prefix) {
    for (String key : node.fieldNames()) {
      String path = join(prefix, key);
      if (node.getValue(key) instanceof JsonObject child && !freeForm.contains(path)) {
        collectLeaves(child, path);
      } else if (!freeForm.contains(path)) {
        byEnvName.put(envName(path), path);
      }
    }
  }

  private void checkObject(JsonObject given, JsonObject known, String prefix) {
    for (String key : given.fieldNames()) {
      String path = join(prefix, key);
      if (!known.containsKey(key)) {
        throw new IllegalArgumentException("Invalid configuration: unknown key " + path
            + nearest(path, paths()));
      }
      checkValue(given.getValue(key), known.getValue(key), path);
    }
  }

  private void checkValue(Object value, Object typeOf, String path) {
    if (typeOf instanceof JsonObject knownChild) {
      if (!(value instanceof JsonObject child)) {
        throw wrongType(path, "a block of keys", value);
      }
      if (!freeForm.contains(path)) {
        checkObject(child, knownChild, path);
      }
    } else if (typeOf instanceof JsonArray) {
      if (!(value instanceof JsonArray)) {
        throw wrongType(path, "a list", value);
      }
    } else if (typeOf instanceof Boolean) {
      if (!(value instanceof Boolean)) {
        throw wrongType(path, "true or false", value);
      }
    } else if (typeOf instanceof Double || typeOf instanceof Float) {
      if (!(value instanceof Number)) {
        throw wrongType(path, "a number", value);
      }
    } else if (typeOf instanceof Number) {
      boolean whole = value instanceof Integer || value instanceof Long
          || (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()));
      if (!whole) {
        throw wrongType(path, "a whole number", value);
      }
      if (typeOf instanceof Integer && (((Number) value).doubleValue() > Integer.MAX_VALUE
          || ((Number) value).doubleValue() < Integer.MIN_VALUE)) {
        throw wrongType(path, "a whole number up to " + Integer.MAX_VALUE, value);
      }
    } else if (typeOf instanceof String) {
      if (value instanceof JsonObject || value instanceof JsonArray || value == null) {
        throw wrongType(path, "a text value", value);
      }
    } else if (value instanceof JsonObject || value instanceof JsonArray) {
      // A key whose default is null takes a single value (text or number), checked by its section.
      throw wrongType(path, "a single value", value);
    }
  }

  private Object defaultAt(String path) {
    Object node = defaults;
    for (String part : path.split("\\.")) {
      node = node instanceof JsonObject object ? object.getValue(part) : null;
    }
    return node;
  }

  private static Boolean parseBoolean(String value, String where) {
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    throw new IllegalArgumentException("Invalid configuration: " + where
        + " must be true or false, not '" + value + "'");
  }

  private static Double parseDecimal(String value, String where) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid configuration: " + where
          + " must be a number, not '" + value + "'");
    }
  }

  private static Object parseWhole(String value, String where, boolean isInt) {
    try {
      return isInt ? Integer.parseInt(value) : Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid configuration: " + where
          + " must be a whole number, not '" + value + "'");
    }
  }

  private static IllegalArgumentException wrongType(String path, String expected, Object value) {
    return new IllegalArgumentException("Invalid configuration: " + path + " must be " + expected
        + ", not '" + value + "'");
  }

  private static String join(String prefix, String key) {
    return prefix.isEmpty() ? key : prefix + "." + key;
  }

  /** "; did you mean X?" for the known name closest in edit distance. */
  static String nearest(String name, Collection<String> known) {
    return known.stream()
        .min(Comparator.comparingInt((String candidate) -> distance(
            name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT))))
        .map(candidate -> "; did you mean " + candidate + "?")
        .orElse("");
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
