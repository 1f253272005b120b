package io.tern.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code conf/tern.yaml} (or the file named by {@code TERN_CONFIG}) over the built-in
 * defaults, then applies {@code TERN_*} environment variables key by key. Every key in the file
 * and every {@code TERN_*} variable must name a known key, with a value of its type.
 */
public final class ConfigLoader {
  static final String DEFAULT_FILE = "conf/tern.yaml";
  /** Names the file; the one {@code TERN_*} variable that is not a key. */
  public static final String CONFIG_FILE_VARIABLE = "TERN_CONFIG";
  private static final ConfigKeys KEYS = new ConfigKeys(TernConfig.DEFAULTS, TernConfig.FREE_FORM_KEYS);

  private ConfigLoader() {}

  /** The file the configuration is read from: {@code TERN_CONFIG}, else conf/tern.yaml when present. */
  public static String file(Map<String, String> env) {
    return env.getOrDefault(CONFIG_FILE_VARIABLE, DEFAULT_FILE);
  }

  public static Future<TernConfig> load(Vertx vertx, Map<String, String> env) {
    ConfigStoreOptions file = new ConfigStoreOptions()
        .setType("file")
        .setFormat("yaml")
        .setOptional(!env.containsKey(CONFIG_FILE_VARIABLE))
        .setConfig(new JsonObject().put("path", file(env)));
    ConfigRetriever retriever = ConfigRetriever.create(vertx,
        new ConfigRetrieverOptions().setScanPeriod(0).addStore(file));
    return retriever.getConfig()
        .eventually(retriever::close)
        .recover(failure -> Future.failedFuture(new IllegalArgumentException(
            "Invalid configuration: cannot read " + file(env) + ": " + rootMessage(failure), failure)))
        .map(fromFile -> bind(fromFile, env));
  }

  /** Defaults, then the file's values, then the environment; then typed and validated. */
  public static TernConfig bind(JsonObject fromFile, Map<String, String> env) {
    KEYS.checkFile(fromFile);
    JsonObject merged = TernConfig.DEFAULTS.copy().mergeIn(fromFile, true);
    // Sorted, so that of several wrong variables the same one is named at every start.
    new TreeMap<>(env).forEach((name, raw) -> {
      if (name.startsWith("TERN_") && !name.equals(CONFIG_FILE_VARIABLE)) {
        Map.Entry<String, Object> value = KEYS.fromEnvironment(name, raw);
        put(merged, value.getKey(), value.getValue());
      }
    });
    return TernConfig.fromJson(merged);
  }

  /** {@code outbound.allowLoopback} → {@code TERN_OUTBOUND_ALLOW_LOOPBACK}. */
  public static String envName(String path) {
    return ConfigKeys.envName(path);
  }

  private static void put(JsonObject root, String path, Object value) {
    String[] parts = path.split("\\.");
    JsonObject node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.getJsonObject(parts[i]);
    }
    node.put(parts[parts.length - 1], value);
  }

  private static String rootMessage(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return String.valueOf(cause.getMessage()).replace('\n', ' ');
  }
}
