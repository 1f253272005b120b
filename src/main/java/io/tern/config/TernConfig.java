package io.tern.config;

import io.tern.carrier.CarrierConnectors;
import io.tern.throttle.DefaultRates;
import io.tern.throttle.SchedulerSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tern's configuration, typed and validated once at start-up. {@link #DEFAULTS} mirrors
 * {@code conf/tern.yaml} key by key (a test keeps the two equal), so a gateway started without
 * any file still has every value.
 */
public record TernConfig(
    String accountSid,
    String authToken,
    Http http,
    Database database,
    Validation validation,
    Media media,
    Outbound outbound,
    Throttle throttle,
    Callbacks callbacks,
    JsonObject carrier,
    Metrics metrics,
    Shutdown shutdown,
    Cluster cluster) {

  public record Http(
      String host, int port, long bodyLimitBytes, int instances, String publicBaseUrl) {}

  /**
   * @param lookupCacheMillis how long accounts, senders and services read from PostgreSQL are
   *     remembered per node; changes made on another node apply here within this time
   */
  public record Database(String url, String schema, int poolSize, long lookupCacheMillis) {
    public boolean inMemory() {
      return url == null || url.isBlank();
    }
  }

  public record Validation(int instances, Set<String> alphaUnsupportedCountries, boolean mmsConverter) {}

  public record Media(long timeoutMillis, long imageBytes, long otherBytes) {}

  public record Outbound(boolean allowLoopback, List<String> deny, List<String> allow) {}

  /**
   * @param rates default segments per second by sender kind; a sender's own Throughput wins
   */
  public record Throttle(int shards, long maxQueueSeconds, int queueWindow, int refillBelow,
      int maxDispatchesPerTick, DefaultRates rates) {
    public SchedulerSettings schedulerSettings() {
      return new SchedulerSettings(queueWindow, refillBelow, maxQueueSeconds, maxDispatchesPerTick);
    }
  }

  /**
   * Status callback delivery (see {@code io.tern.callback}).
   *
   * @param pollMillis how often the outbox is read when nothing announces new callbacks
   * @param batchSize callbacks read from the outbox at a time
   * @param maxConnectionsPerHost posts in flight to one host (scheme, host and port) at a time
   * @param timeoutMillis connect, read and total timeout of one post unless the URL overrides it
   * @param initialBackoffMillis the first retry waits up to this long (full jitter)
   * @param maxBackoffMillis no retry waits longer than this
   * @param deadlineHours a callback not delivered this long after its status change is given up
   */
  public record Callbacks(long pollMillis, int batchSize, int maxConnectionsPerHost,
      long timeoutMillis, long initialBackoffMillis, long maxBackoffMillis, long deadlineHours) {}

  /** @param enabled Vert.x's and Tern's meters, scraped at {@code GET /metrics} on the API port */
  public record Metrics(boolean enabled) {}

  /**
   * @param gracePeriodMillis the whole stop, from the first refusal to the last flushed write;
   *     past it the gateway exits anyway and logs what was still running
   * @param readinessDelayMillis how long the gateway keeps serving, already reporting not
   *     ready, before it stops accepting: time for a load balancer to take it out of rotation
   */
  public record Shutdown(long gracePeriodMillis, long readinessDelayMillis) {}

  /**
   * Several pods on one PostgreSQL database (see {@code io.tern.cluster}).
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
  public record Cluster(boolean enabled, String host, int port, int eventBusPort,
      List<String> members, String kubernetesServiceDns, long checkMillis) {}

  public static final JsonObject DEFAULTS = new JsonObject()
      .putNull("accountSid")
      .putNull("authToken")
      .put("http", new JsonObject()
          .put("host", "0.0.0.0")
          .put("port", 8080)
          .put("bodyLimitBytes", 1_048_576)
          .put("instances", 0)
          .put("publicBaseUrl", ""))
      .put("database", new JsonObject()
          .put("url", "")
          .put("schema", "public")
          .put("poolSize", 8)
          .put("lookupCacheMillis", 5000))
      .put("validation", new JsonObject()
          .put("instances", 0)
          .put("alphaUnsupportedCountries", new JsonArray(List.of(
              "US", "CA", "PR", "CN", "BR", "AR", "CL", "CO", "MX", "VN", "KR", "JP", "IN", "TR", "UY")))
          .put("mmsConverter", true))
      .put("media", new JsonObject()
          .put("timeoutMillis", 5000)
          .put("imageBytes", 5_242_880)
          .put("otherBytes", 512_000))
      .put("outbound", new JsonObject()
          .put("allowLoopback", false)
          .put("deny", new JsonArray())
          .put("allow", new JsonArray()))
      .put("throttle", new JsonObject()
          .put("shards", 8)
          .put("maxQueueSeconds", 14_400)
          .put("queueWindow", 256)
          .put("refillBelow", 64)
          .put("maxDispatchesPerTick", 1024)
          .put("rates", new JsonObject()
              .put("usCaLongCode", 1.0)
              .put("usCaTollFree", 3.0)
              .put("otherLongCode", 10.0)
              .put("alphanumeric", 10.0)
              .put("shortCode", 100.0)))
      .put("callbacks", new JsonObject()
          .put("pollMillis", 1000)
          .put("batchSize", 100)
          .put("maxConnectionsPerHost", 64)
          .put("timeoutMillis", 15_000)
          .put("initialBackoffMillis", 1000)
          .put("maxBackoffMillis", 600_000)
          .put("deadlineHours", 24))
      .put("carrier", CarrierConnectors.defaultConfig())
      .put("metrics", new JsonObject()
          .put("enabled", true))
      .put("shutdown", new JsonObject()
          .put("gracePeriodMillis", 20_000)
          .put("readinessDelayMillis", 0))
      .put("cluster", new JsonObject()
          .put("enabled", false)
          .put("host", "")
          .put("port", 5701)
          .put("eventBusPort", 5702)
          .put("members", new JsonArray())
          .put("kubernetesServiceDns", "")
          .put("checkMillis", 3000));

  /** Binds a complete configuration tree (defaults already merged) and checks it. */
  public static TernConfig fromJson(JsonObject json) {
    JsonObject http = json.getJsonObject("http");
    JsonObject database = json.getJsonObject("database");
    JsonObject validation = json.getJsonObject("validation");
    JsonObject media = json.getJsonObject("media");
    JsonObject outbound = json.getJsonObject("outbound");
    JsonObject throttle = json.getJsonObject("throttle");
    JsonObject callbacks = json.getJsonObject("callbacks");
    JsonObject metrics = json.getJsonObject("metrics");
    JsonObject shutdown = json.getJsonObject("shutdown");
    JsonObject cluster = json.getJsonObject("cluster");
    TernConfig config = new TernConfig(
        blankToNull(json.getString("accountSid")),
        blankToNull(json.getString("authToken")),
        new Http(
            http.getString("host"),
            http.getInteger("port"),
            http.getLong("bodyLimitBytes"),
            http.getInteger("instances"),
            stripTrailingSlash(http.getString("publicBaseUrl", ""))),
        new Database(
            blankToNull(database.getString("url")),
            database.getString("schema"),
            database.getInteger("poolSize"),
            database.getLong("lookupCacheMillis")),
        new Validation(
            validation.getInteger("instances"),
            strings(validation.getJsonArray("alphaUnsupportedCountries")).stream()
                .map(String::toUpperCase).collect(Collectors.toUnmodifiableSet()),
            validation.getBoolean("mmsConverter")),
        new Media(
            media.getLong("timeoutMillis"),
            media.getLong("imageBytes"),
            media.getLong("otherBytes")),
        new Outbound(
            outbound.getBoolean("allowLoopback"),
            strings(outbound.getJsonArray("deny")),
            strings(outbound.getJsonArray("allow"))),
        new Throttle(
            throttle.getInteger("shards"),
            throttle.getLong("maxQueueSeconds"),
            throttle.getInteger("queueWindow"),
            throttle.getInteger("refillBelow"),
            throttle.getInteger("maxDispatchesPerTick"),
            rates(throttle.getJsonObject("rates"))),
        new Callbacks(
            callbacks.getLong("pollMillis"),
            callbacks.getInteger("batchSize"),
            callbacks.getInteger("maxConnectionsPerHost"),
            callbacks.getLong("timeoutMillis"),
            callbacks.getLong("initialBackoffMillis"),
            callbacks.getLong("maxBackoffMillis"),
            callbacks.getLong("deadlineHours")),
        json.getJsonObject("carrier").copy(),
        new Metrics(metrics.getBoolean("enabled")),
        new Shutdown(shutdown.getLong("gracePeriodMillis"), shutdown.getLong("readinessDelayMillis")),
        new Cluster(
            cluster.getBoolean("enabled"),
            cluster.getString("host", ""),
            cluster.getInteger("port"),
            cluster.getInteger("eventBusPort"),
            strings(cluster.getJsonArray("members")),
            cluster.getString("kubernetesServiceDns", ""),
            cluster.getLong("checkMillis")));
    config.validate();
    return config;
  }

  private void validate() {
    require(http.port >= 0 && http.port <= 65535, "http.port must be 0-65535");
    require(http.bodyLimitBytes > 0, "http.bodyLimitBytes must be positive");
    require(throttle.shards > 0, "throttle.shards must be positive");
    try {
      throttle.schedulerSettings();
    } catch (IllegalArgumentException e) {
      require(false, "throttle: " + e.getMessage());
    }
    require(shutdown.gracePeriodMillis > 0, "shutdown.gracePeriodMillis must be positive");
    require(shutdown.readinessDelayMillis >= 0
            && shutdown.readinessDelayMillis < shutdown.gracePeriodMillis,
        "shutdown.readinessDelayMillis must be 0 or more and less than the grace period");
    require(database.poolSize > 0, "database.poolSize must be positive");
    require(database.lookupCacheMillis >= 0, "database.lookupCacheMillis must not be negative");
    require(callbacks.pollMillis > 0, "callbacks.pollMillis must be positive");
    require(callbacks.batchSize > 0, "callbacks.batchSize must be positive");
    require(callbacks.maxConnectionsPerHost > 0, "callbacks.maxConnectionsPerHost must be positive");
    require(callbacks.timeoutMillis > 0, "callbacks.timeoutMillis must be positive");
    require(callbacks.initialBackoffMillis > 0
            && callbacks.maxBackoffMillis >= callbacks.initialBackoffMillis,
        "callbacks.initialBackoffMillis must be positive and at most callbacks.maxBackoffMillis");
    require(callbacks.deadlineHours > 0, "callbacks.deadlineHours must be positive");
    require((accountSid == null) == (authToken == null),
        "accountSid and authToken are set together or not at all");
    require(accountSid == null || accountSid.matches("AC[0-9a-f]{32}"),
        "accountSid must be AC followed by 32 lowercase hex digits");
    CarrierConnectors.requireKnownType(carrier);
    require(cluster.port > 0 && cluster.port <= 65535, "cluster.port must be 1-65535");
    require(cluster.eventBusPort >= 0 && cluster.eventBusPort <= 65535,
        "cluster.eventBusPort must be 0-65535");
    require(cluster.checkMillis > 0, "cluster.checkMillis must be positive");
    require(cluster.members.isEmpty() || cluster.kubernetesServiceDns.isBlank(),
        "cluster.members and cluster.kubernetesServiceDns are alternatives: set one");
    // The store arbitrates shard ownership (PostgreSQL advisory locks) and is what a new owner
    // rebuilds from; pods with in-memory stores would each hold different messages.
    require(!cluster.enabled || !database.inMemory(),
        "cluster.enabled needs the PostgreSQL store: set database.url (TERN_DATABASE_URL)");
    require(authToken == null || authToken.length() >= 16, "authToken must have 16 characters or more");
  }

  /** Verticle instances: the configured number, or one per core when 0. */
  public static int instances(int configured) {
    return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
  }

  private static DefaultRates rates(JsonObject rates) {
    return new DefaultRates(
        rates.getDouble("usCaLongCode"),
        rates.getDouble("usCaTollFree"),
        rates.getDouble("otherLongCode"),
        rates.getDouble("alphanumeric"),
        rates.getDouble("shortCode"));
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("Invalid configuration: " + message);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static String stripTrailingSlash(String value) {
    return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
  }

  private static List<String> strings(JsonArray array) {
    return array == null ? List.of() : array.stream().map(String::valueOf).toList();
  }
}
