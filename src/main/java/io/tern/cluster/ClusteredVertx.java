package io.tern.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.tern.config.TernConfig;
import io.tern.metrics.TernMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * A Vert.x instance that joins the other pods: Hazelcast as cluster manager, configured in code
 * from {@code cluster.*} (no XML file to keep beside the YAML). Members are found by a fixed
 * TCP-IP list or by the DNS of a Kubernetes headless Service; multicast, auto-detection and
 * Hazelcast's phone-home are off, so a pod joins only the members it was told about and calls
 * nowhere else.
 */
public final class ClusteredVertx {
  /** Pods of one Tern deployment find each other under this cluster name. */
  static final String CLUSTER_NAME = "tern";

  private ClusteredVertx() {}

  /** A clustered Vert.x with Tern's metrics (as {@link TernMetrics#createVertx}) that has joined. */
  public static Future<Vertx> create(TernConfig config) {
    ClusterOptions cluster = config.cluster();
    VertxOptions options = TernConfig.vertxOptions();
    EventBusOptions eventBus = options.getEventBusOptions().setPort(cluster.eventBusPort());
    if (!cluster.host().isBlank()) {
      eventBus.setHost(cluster.host());
    }
    return TernMetrics.builder(config.metrics(), options)
        .withClusterManager(new HazelcastClusterManager(hazelcast(cluster)))
        .buildClustered();
  }

  /** Hazelcast's configuration: Vert.x's own maps (from its defaults) and Tern's network. */
  static Config hazelcast(ClusterOptions cluster) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(CLUSTER_NAME);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "jdk");
    // A dead pod is noticed within seconds rather than the default minute, so its shards wait
    // for a new owner no longer than the store's lock (which frees at once) requires.
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "15");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(cluster.port()).setPortAutoIncrement(false);
    if (!cluster.host().isBlank()) {
      network.getInterfaces().setEnabled(true).addInterface(cluster.host());
      config.setProperty("hazelcast.socket.bind.any", "false");
    }
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    if (!cluster.kubernetesServiceDns().isBlank()) {
      join.getKubernetesConfig().setEnabled(true)
          .setProperty("service-dns", cluster.kubernetesServiceDns())
          .setProperty("service-port", Integer.toString(cluster.port()));
    } else {
      join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
    }
    return config;
  }

  /** The members of the cluster {@code vertx} belongs to, itself included; 1 when not clustered. */
  public static int members(Vertx vertx) {
    // Vert.x shows its cluster manager only through its internal interface; the member list it
    // keeps is the one the event bus routes by.
    if (vertx instanceof VertxInternal internal && internal.clusterManager() != null) {
      return Math.max(1, internal.clusterManager().getNodes().size());
    }
    return 1;
  }
}
