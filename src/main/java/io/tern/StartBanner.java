package io.tern;

import io.tern.config.TernConfig;
import io.tern.store.pg.PgStores;
import io.vertx.pgclient.PgConnectOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a started gateway tells its operator: which build, on which store, to which carrier,
 * from which configuration file, and the URL to use. Never a password or a token.
 *
 * @param configFile the file read, or null when the built-in defaults (and environment) applied
 */
record StartBanner(String version, TernConfig config, String configFile, int port, String mainAccountSid) {

  static StartBanner of(Gateway gateway, TernConfig config, String configFile) {
    String version = Main.class.getPackage().getImplementationVersion();
    return new StartBanner(version == null ? "(development build)" : version, config,
        Files.isRegularFile(Path.of(configFile)) ? configFile : null, gateway.port(),
        gateway.mainAccount().sid());
  }

  List<String> lines() {
    return List.of(
        "Tern " + version + " is ready",
        "  API:           " + url() + "  (Twilio base URL for SDKs and curl)",
        "  Store:         " + store(),
        "  Carrier:       " + config.carrier().type(),
        "  Cluster:       " + (config.cluster().enabled()
            ? "on, " + config.throttle().shards() + " throttle shards shared by the pods" : "off"),
        "  Configuration: " + (configFile == null ? "built-in defaults" : configFile)
            + " and TERN_* variables",
        "  Main account:  " + mainAccountSid);
  }

  private String url() {
    if (!config.http().publicBaseUrl().isEmpty()) {
      return config.http().publicBaseUrl();
    }
    String host = config.http().host();
    boolean anyAddress = host.equals("0.0.0.0") || host.equals("::") || host.isBlank();
    return "http://" + (anyAddress ? "localhost" : host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  private String store() {
    if (config.database().inMemory()) {
      return "in memory (nothing survives a restart; set database.url for PostgreSQL)";
    }
    PgConnectOptions options = PgStores.connectOptions(config.database().url(), config.database().schema());
    return "PostgreSQL " + options.getHost() + ":" + options.getPort() + ", database "
        + options.getDatabase() + ", schema " + config.database().schema() + ", user " + options.getUser();
  }
}
