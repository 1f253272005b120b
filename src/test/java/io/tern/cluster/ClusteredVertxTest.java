package io.tern.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.tern.config.TernConfig;
import io.tern.testing.TestGateway;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hazelcast's configuration as the cluster keys make it; nothing is started. */
class ClusteredVertxTest {

  @Test
  void aMemberListJoinsByTcpIpOnlyOnTheConfiguredAddressAndPort() {
    Config config = ClusteredVertx.hazelcast(cluster(Map.of(
        "TERN_CLUSTER_HOST", "10.0.0.5",
        "TERN_CLUSTER_PORT", "5801",
        "TERN_CLUSTER_MEMBERS", "10.0.0.5:5801,10.0.0.6:5801")));

    JoinConfig join = config.getNetworkConfig().getJoin();
    assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
    assertThat(join.getTcpIpConfig().getMembers()).containsExactly("10.0.0.5:5801", "10.0.0.6:5801");
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(join.getKubernetesConfig().isEnabled()).isFalse();
    assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
    assertThat(config.getNetworkConfig().getPort()).isEqualTo(5801);
    assertThat(config.getNetworkConfig().isPortAutoIncrement()).isFalse();
    assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("10.0.0.5");
    assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
    assertThat(config.getClusterName()).isEqualTo("tern");
  }

  @Test
  void aKubernetesServiceIsLookedUpInDnsWithoutTheApi() {
    Config config = ClusteredVertx.hazelcast(cluster(Map.of(
        "TERN_CLUSTER_KUBERNETES_SERVICE_DNS", "tern-cluster.tern.svc.cluster.local")));

    JoinConfig join = config.getNetworkConfig().getJoin();
    assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
    assertThat(join.getKubernetesConfig().getProperties())
        .containsEntry("service-dns", "tern-cluster.tern.svc.cluster.local")
        .containsEntry("service-port", "5701");
    assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    // Vert.x's own structures keep their settings: the subscriptions survive a member's death.
    assertThat(config.getMultiMapConfig("__vertx.subs").getBackupCount()).isEqualTo(1);
  }

  private static ClusterOptions cluster(Map<String, String> env) {
    Map<String, String> all = new java.util.HashMap<>(TestGateway.postgres("unused"));
    all.put("TERN_CLUSTER_ENABLED", "true");
    all.putAll(env);
    return TestGateway.config(all).cluster();
  }
}
