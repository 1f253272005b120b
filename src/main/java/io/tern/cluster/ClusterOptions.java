package io.tern.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Several pods on one PostgreSQL database ({@code cluster.*}).
 *
 * @param host the address Hazelcast and the event bus bind to and announce; empty: Hazelcast
 *     picks the machine's address
 * @param port Hazelcast's member port
 * @param eventBusPort the clustered event bus's port; 0 picks a free one
 * @param members {@code host:port} of members to join by TCP-IP (VMs, tests)
 * @param kubernetesServiceDns a headless Service whose DNS answers the pods' addresses
 *     (Hazelcast's Kubernetes discovery in DNS-lookup mode)
 * @param checkMillis how often a pod checks its shards against the store's locks and the
 *     member count: the longest a dead pod's shards wait for a new owner
 */
public record ClusterOptions(boolean enabled, String host, int port, int eventBusPort,
    List<String> members, String kubernetesServiceDns, long checkMillis) {

  public ClusterOptions {
    members = List.copyOf(members);
    require(port > 0 && port <= 65535, "cluster.port must be 1-65535");
    require(eventBusPort >= 0 && eventBusPort <= 65535, "cluster.eventBusPort must be 0-65535");
    require(checkMillis > 0, "cluster.checkMillis must be positive");
    require(members.isEmpty() || kubernetesServiceDns.isBlank(),
        "cluster.members and cluster.kubernetesServiceDns are alternatives: set one");
  }

  public static JsonObject defaults() {
    return new JsonObject()
        .put("enabled", false)
        .put("host", "")
        .put("port", 5701)
        .put("eventBusPort", 5702)
        .put("members", new JsonArray())
        .put("kubernetesServiceDns", "")
        .put("checkMillis", 3000);
  }

  /** Reads a {@code cluster} block; a missing key keeps its default. */
  public static ClusterOptions fromJson(JsonObject given) {
    JsonObject json = defaults().mergeIn(given == null ? new JsonObject() : given);
    return new ClusterOptions(json.getBoolean("enabled"), json.getString("host"),
        json.getInteger("port"), json.getInteger("eventBusPort"),
        json.getJsonArray("members").stream().map(String::valueOf).toList(),
        json.getString("kubernetesServiceDns"), json.getLong("checkMillis"));
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("Invalid configuration: " + message);
    }
  }
}
