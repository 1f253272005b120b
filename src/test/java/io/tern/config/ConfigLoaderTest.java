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
