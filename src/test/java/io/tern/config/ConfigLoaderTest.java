package io.tern.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ConfigLoaderTest {

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void theShippedFileStatesExactlyTheBuiltInDefaults(Vertx vertx, VertxTestContext testContext) {
    // A key renamed in conf/tern.yaml but not in code (or the reverse) breaks here, not in production.
    ConfigLoader.load(vertx, Map.of("TERN_CONFIG", "conf/tern.yaml"))
        .onComplete(testContext.succeeding(config -> testContext.verify(() -> {
          assertThat(config).isEqualTo(TernConfig.fromJson(TernConfig.DEFAULTS.copy()));
          testContext.completeNow();
        })));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void theShippedFileHasNoKeyTheCodeDoesNotKnow(Vertx vertx, VertxTestContext testContext) {
    io.vertx.config.ConfigRetriever.create(vertx, new io.vertx.config.ConfigRetrieverOptions()
            .addStore(new io.vertx.config.ConfigStoreOptions().setType("file").setFormat("yaml")
                .setConfig(new JsonObject().put("path", "conf/tern.yaml"))))
        .getConfig()
        .onComplete(testContext.succeeding(file -> testContext.verify(() -> {
          assertThat(leafPaths(file, "")).isEqualTo(leafPaths(TernConfig.DEFAULTS, ""));
          testContext.completeNow();
        })));
  }

  @Test
  void environmentVariablesOverrideKeyByKey() {
    TernConfig config = ConfigLoader.bind(new JsonObject(), Map.of(
        "TERN_HTTP_PORT", "9090",
        "TERN_OUTBOUND_ALLOW_LOOPBACK", "true",
        "TERN_OUTBOUND_DENY", "10.0.0.0/8, 192.168.0.0/16",
        "TERN_DATABASE_URL", "postgresql://tern@127.0.0.1:5432/tern",
        "TERN_ACCOUNT_SID", "AC0123456789abcdef0123456789abcdef",
        "TERN_AUTH_TOKEN", "0123456789abcdef0123456789abcdef"));

    assertThat(config.http().port()).isEqualTo(9090);
    assertThat(config.outbound().allowLoopback()).isTrue();
    assertThat(config.outbound().deny()).containsExactly("10.0.0.0/8", "192.168.0.0/16");
    assertThat(config.database().inMemory()).isFalse();
    assertThat(config.accountSid()).isEqualTo("AC0123456789abcdef0123456789abcdef");
  }

  @Test
  void fileValuesSitBetweenDefaultsAndEnvironment() {
    JsonObject file = new JsonObject().put("http", new JsonObject().put("port", 7070).put("instances", 3));
    TernConfig config = ConfigLoader.bind(file, Map.of("TERN_HTTP_PORT", "6060"));

    assertThat(config.http().port()).isEqualTo(6060);
    assertThat(config.http().instances()).isEqualTo(3);
    assertThat(config.http().host()).isEqualTo("0.0.0.0");
  }

  @Test
  void environmentNamesFollowTheKeyPath() {
    assertThat(ConfigLoader.envName("http.port")).isEqualTo("TERN_HTTP_PORT");
    assertThat(ConfigLoader.envName("outbound.allowLoopback")).isEqualTo("TERN_OUTBOUND_ALLOW_LOOPBACK");
    assertThat(ConfigLoader.envName("accountSid")).isEqualTo("TERN_ACCOUNT_SID");
    assertThat(ConfigLoader.envName("authToken")).isEqualTo("TERN_AUTH_TOKEN");
  }

  @Test
  void halfAConfiguredMainAccountIsRefused() {
    assertThatThrownBy(() -> ConfigLoader.bind(new JsonObject(),
        Map.of("TERN_ACCOUNT_SID", "AC0123456789abcdef0123456789abcdef")))
        .hasMessageContaining("accountSid and authToken");
  }

  @Test
  void anImpossiblePortIsRefused() {
    assertThatThrownBy(() -> ConfigLoader.bind(new JsonObject(), Map.of("TERN_HTTP_PORT", "70000")))
        .hasMessageContaining("http.port");
  }

  @Test
  void aClusterIsRefusedOnTheInMemoryStore() {
    assertThatThrownBy(() -> ConfigLoader.bind(new JsonObject(), Map.of("TERN_CLUSTER_ENABLED", "true")))
        .hasMessageContaining("cluster.enabled needs the PostgreSQL store");
  }

  @Test
  void clusterMembersComeFromTheEnvironmentCommaSeparated() {
    TernConfig config = ConfigLoader.bind(new JsonObject(), Map.of(
        "TERN_DATABASE_URL", "postgresql://tern@127.0.0.1:5432/tern",
        "TERN_CLUSTER_ENABLED", "true",
        "TERN_CLUSTER_MEMBERS", "10.0.0.5:5701, 10.0.0.6:5701"));

    assertThat(config.cluster().enabled()).isTrue();
    assertThat(config.cluster().members()).containsExactly("10.0.0.5:5701", "10.0.0.6:5701");
  }

  @Test
  void clusterDiscoveryIsAListOrKubernetesNotBoth() {
    assertThatThrownBy(() -> ConfigLoader.bind(new JsonObject(), Map.of(
        "TERN_CLUSTER_MEMBERS", "10.0.0.5:5701",
        "TERN_CLUSTER_KUBERNETES_SERVICE_DNS", "tern-cluster.tern.svc.cluster.local")))
        .hasMessageContaining("cluster.members and cluster.kubernetesServiceDns");
  }

  @Test
  void anUnknownEnvironmentVariableStopsTheStartNamingTheNearestKey() {
    assertThatThrownBy(() -> ConfigLoader.bind(new JsonObject(), Map.of("TERN_HTTP_PROT", "18999")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown environment variable TERN_HTTP_PROT")
        .hasMessageContaining("did you mean TERN_HTTP_PORT?");
  }

  @Test
  void theConfigFileVariableIsNotAKeyAndOtherVariablesAreNotTern() {
    TernConfig config = ConfigLoader.bind(new JsonObject(),
        Map.of("TERN_CONFIG", "conf/tern.yaml", "HOME", "/root", "TERNARY", "x"));

    assertThat(config.http().port()).isEqualTo(8080);
  }

  @Test
  void anUnknownKeyInTheFileStopsTheStartNamingTheNearestKey() {
    JsonObject file = new JsonObject().put("http", new JsonObject().put("prot", 18999));

    assertThatThrownBy(() -> ConfigLoader.bind(file, Map.of()))
        .hasMessageContaining("unknown key http.prot")
        .hasMessageContaining("did you mean http.port?");
    assertThatThrownBy(() -> ConfigLoader.bind(new JsonObject().put("throtle", new JsonObject()), Map.of()))
        .hasMessageContaining("unknown key throtle");
  }

  @Test
  void entriesOfFreeFormMapsAreDataNotKeys() {
    JsonObject file = new JsonObject()
        .put("carrier", new JsonObject()
            .put("simulated", new JsonObject().put("outcomes", new JsonObject().put("+447700900123", "sent")))
            .put("prices", new JsonObject().put("perSegmentByCountry", new JsonObject().put("GB", 0.04))))
        .put("log", new JsonObject().put("levels", new JsonObject().put("io.tern.callback", "debug")));

    TernConfig config = ConfigLoader.bind(file, Map.of());

    assertThat(config.carrier().simulated().outcomes()).containsKey("+447700900123")
        .containsKey("+15005559991");
    assertThat(config.carrier().prices().priceFor("GB", 1)).contains("-0.04000");
    assertThat(config.log().levels()).containsEntry("io.tern.callback", "debug");
  }

  @Test
  void booleansAreTrueOrFalseOnly() {
    assertThatThrownBy(() -> ConfigLoader.bind(new JsonObject(), Map.of("TERN_OUTBOUND_ALLOW_LOOPBACK", "yes")))
        .hasMessageContaining("TERN_OUTBOUND_ALLOW_LOOPBACK (outbound.allowLoopback) must be true or false, not 'yes'");
    assertThatThrownBy(() -> ConfigLoader.bind(
            new JsonObject().put("metrics", new JsonObject().put("enabled", "on")), Map.of()))
        .hasMessageContaining("metrics.enabled must be true or false");
    assertThat(ConfigLoader.bind(new JsonObject(), Map.of("TERN_OUTBOUND_ALLOW_LOOPBACK", "TRUE"))
        .outbound().allowLoopback()).isTrue();
  }

  @Test
  void aNumberThatDoesNotParseNamesItsKey() {
    assertThatThrownBy(() -> ConfigLoader.bind(new JsonObject(), Map.of("TERN_HTTP_PORT", "abc")))
        .hasMessageContaining("TERN_HTTP_PORT (http.port) must be a whole number, not 'abc'");
    assertThatThrownBy(() -> ConfigLoader.bind(new JsonObject(), Map.of("TERN_THROTTLE_RATES_SHORT_CODE", "fast")))
        .hasMessageContaining("TERN_THROTTLE_RATES_SHORT_CODE (throttle.rates.shortCode) must be a number");
    assertThatThrownBy(() -> ConfigLoader.bind(
            new JsonObject().put("http", new JsonObject().put("port", "eighty")), Map.of()))
        .hasMessageContaining("http.port must be a whole number, not 'eighty'");
    assertThatThrownBy(() -> ConfigLoader.bind(
            new JsonObject().put("http", new JsonObject().put("port", 80.5)), Map.of()))
        .hasMessageContaining("http.port must be a whole number");
  }

  @Test
  void aBlockGivenAsAValueIsRefused() {
    assertThatThrownBy(() -> ConfigLoader.bind(new JsonObject().put("http", 8080), Map.of()))
        .hasMessageContaining("http must be a block of keys");
    assertThatThrownBy(() -> ConfigLoader.bind(
            new JsonObject().put("outbound", new JsonObject().put("deny", "10.0.0.0/8")), Map.of()))
        .hasMessageContaining("outbound.deny must be a list");
  }

  @Test
  void logLevelsAndFormatAreChecked() {
    assertThatThrownBy(() -> ConfigLoader.bind(new JsonObject(), Map.of("TERN_LOG_LEVEL", "loud")))
        .hasMessageContaining("log.level must be one of");
    assertThatThrownBy(() -> ConfigLoader.bind(new JsonObject(), Map.of("TERN_LOG_FORMAT", "xml")))
        .hasMessageContaining("log.format must be text or json");
    assertThat(ConfigLoader.bind(new JsonObject(), Map.of("TERN_LOG_FORMAT", "json")).log().format())
        .isEqualTo("json");
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void aMissingNamedFileIsOneClearError(Vertx vertx, VertxTestContext testContext) {
    ConfigLoader.load(vertx, Map.of("TERN_CONFIG", "conf/no-such-file.yaml"))
        .onComplete(testContext.failing(failure -> testContext.verify(() -> {
          assertThat(failure).isInstanceOf(IllegalArgumentException.class)
              .hasMessageContaining("cannot read conf/no-such-file.yaml");
          testContext.completeNow();
        })));
  }

  private static java.util.Set<String> leafPaths(JsonObject node, String prefix) {
    java.util.Set<String> paths = new java.util.TreeSet<>();
    for (String key : node.fieldNames()) {
      String path = prefix.isEmpty() ? key : prefix + "." + key;
      if (node.getValue(key) instanceof JsonObject child) {
        paths.addAll(leafPaths(child, path));
      } else {
        paths.add(path);
      }
    }
    return paths;
  }
}
