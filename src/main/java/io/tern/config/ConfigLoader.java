package io.tern.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads {@code conf/tern.yaml} (or the file named by {@code TERN_CONFIG}) over the built-in
 * defaults, then applies {@code TERN_*} environment variables key by key.
 */
public final class ConfigLoader {
  static final String DEFAULT_FILE = "conf/tern.yaml";

  private ConfigLoader() {}

  public static Future<TernConfig> load(Vertx vertx, Map<String, String> env) {
    String path = env.getOrDefault("TERN_CONFIG", DEFAULT_FILE);
    ConfigStoreOptions file = new ConfigStoreOptions()
        .setType("file")
        .setFormat("yaml")
        .setOptional(!env.containsKey("TERN_CONFIG"))
        .setConfig(new JsonObject().put("path", path));
    ConfigRetriever retriever = ConfigRetriever.create(vertx,
        new ConfigRetrieverOptions().setScanPeriod(0).addStore(file));
    return retriever.getConfig()
        .eventually(retriever::close)
        .map(fromFile -> bind(fromFile, env));
  }

  /** Defaults, then the file's values, then the environment; then typed and validated. */
  public static TernConfig bind(JsonObject fromFile, Map<String, String> env) {
    JsonObject merged = TernConfig.DEFAULTS.copy().mergeIn(fromFile, true);
    applyEnvironment(merged, "", env);
    return TernConfig.fromJson(merged);
  }

  private static void applyEnvironment(JsonObject node, String prefix, Map<String, String> env) {
    for (String key : node.fieldNames().toArray(String[]::new)) {
      Object value = node.getValue(key);
      String path = prefix.isEmpty() ? key : prefix + "." + key;
      if (value instanceof JsonObject child) {
        applyEnvironment(child, path, env);
        continue;
      }
      String fromEnv = env.get(envName(path));
      if (fromEnv != null) {
        node.put(key, parse(fromEnv, defaultAt(path)));
      }
    }
  }

  /** The built-in default at a dotted path: it says how to read the environment's string. */
  private static Object defaultAt(String path) {
    Object node = TernConfig.DEFAULTS;
    for (String part : path.split("\\.")) {
      node = node instanceof JsonObject object ? object.getValue(part) : null;
    }
    return node;
  }

  /** {@code outbound.allowLoopback} → {@code TERN_OUTBOUND_ALLOW_LOOPBACK}. */
  public static String envName(String path) {
    return "TERN_" + path.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase();
  }

  private static Object parse(String raw, Object typeOf) {
    if (typeOf instanceof JsonArray) {
      return new JsonArray(Arrays.stream(raw.split(",")).map(String::trim)
          .filter(s -> !s.isEmpty()).toList());
    }
    if (typeOf instanceof Boolean) {
      return Boolean.parseBoolean(raw.trim());
    }
    if (typeOf instanceof Double || typeOf instanceof Float) {
      return Double.parseDouble(raw.trim());
    }
    if (typeOf instanceof Number) {
      return Long.parseLong(raw.trim());
    }
    return raw;
  }
}
