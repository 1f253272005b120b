package io.tern.config;

import io.tern.api.HttpOptions;
import io.tern.callback.CallbackOptions;
import io.tern.carrier.CarrierOptions;
import io.tern.cluster.ClusterOptions;
import io.tern.inbound.InboundOptions;
import io.tern.logging.LogOptions;
import io.tern.metrics.MetricsOptions;
import io.tern.outbound.OutboundOptions;
import io.tern.store.DatabaseOptions;
import io.tern.throttle.ThrottleOptions;
import io.tern.validation.MediaOptions;
import io.tern.validation.ValidationOptions;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;

/**
 * Tern's configuration, typed and validated once at start-up. Each package owns its section
 * (an options record with its defaults and its checks); this record composes them and checks
 * what spans sections. {@link #DEFAULTS} mirrors {@code conf/tern.yaml} key by key (a test keeps
 * the two equal), so a gateway started without any file still has every value, and it is the
 * list of keys the loader accepts.
 */
public record TernConfig(
    String accountSid,
    String authToken,
    HttpOptions http,
    DatabaseOptions database,
    ValidationOptions validation,
    MediaOptions media,
    OutboundOptions outbound,
    ThrottleOptions throttle,
    CallbackOptions callbacks,
    CarrierOptions carrier,
    MetricsOptions metrics,
    Shutdown shutdown,
    ClusterOptions cluster,
    LogOptions log,
    InboundOptions inbound) {

  /**
   * @param gracePeriodMillis the whole stop, from the first refusal to the last flushed write;
   *     past it the gateway exits anyway and logs what was still running
   * @param readinessDelayMillis how long the gateway keeps serving, already reporting not
   *     ready, before it stops accepting: time for a load balancer to take it out of rotation
   */
  public record Shutdown(long gracePeriodMillis, long readinessDelayMillis) {
    public Shutdown {
      require(gracePeriodMillis > 0, "shutdown.gracePeriodMillis must be positive");
      require(readinessDelayMillis >= 0 && readinessDelayMillis < gracePeriodMillis,
          "shutdown.readinessDelayMillis must be 0 or more and less than the grace period");
    }

    static JsonObject defaults() {
      return new JsonObject().put("gracePeriodMillis", 20_000).put("readinessDelayMillis", 0);
    }

    static Shutdown fromJson(JsonObject json) {
      return new Shutdown(json.getLong("gracePeriodMillis"), json.getLong("readinessDelayMillis"));
    }
  }

  public static final JsonObject DEFAULTS = new JsonObject()
      .putNull("accountSid")
      .putNull("authToken")
      .put("http", HttpOptions.defaults())
      .put("database", DatabaseOptions.defaults())
      .put("validation", ValidationOptions.defaults())
      .put("media", MediaOptions.defaults())
      .put("outbound", OutboundOptions.defaults())
      .put("throttle", ThrottleOptions.defaults())
      .put("callbacks", CallbackOptions.defaults())
      .put("carrier", CarrierOptions.defaults())
      .put("metrics", MetricsOptions.defaults())
      .put("shutdown", Shutdown.defaults())
      .put("cluster", ClusterOptions.defaults())
      .put("log", LogOptions.defaults())
      .put("inbound", InboundOptions.defaults());

  /** Dotted keys whose children are data (destinations, countries, loggers), not option names. */
  public static final Set<String> FREE_FORM_KEYS = freeFormKeys();

  private static Set<String> freeFormKeys() {
    Set<String> keys = new HashSet<>();
    CarrierOptions.FREE_FORM_KEYS.forEach(key -> keys.add("carrier." + key));
    LogOptions.FREE_FORM_KEYS.forEach(key -> keys.add("log." + key));
    return Set.copyOf(keys);
  }

  public TernConfig {
    accountSid = blankToNull(accountSid);
    authToken = blankToNull(authToken);
    require((accountSid == null) == (authToken == null),
        "accountSid and authToken are set together or not at all");
    require(accountSid == null || accountSid.matches("AC[0-9a-f]{32}"),
        "accountSid must be AC followed by 32 lowercase hex digits");
    require(authToken == null || authToken.length() >= 16, "authToken must have 16 characters or more");
    // The store arbitrates shard ownership (PostgreSQL advisory locks) and is what a new owner
    // rebuilds from; pods with in-memory stores would each hold different messages.
    require(!cluster.enabled() || !database.inMemory(),
        "cluster.enabled needs the PostgreSQL store: set database.url (TERN_DATABASE_URL)");
  }

  /** Binds a complete configuration tree (defaults already merged) and checks it. */
  public static TernConfig fromJson(JsonObject json) {
    return new TernConfig(
        json.getString("accountSid"),
        json.getString("authToken"),
        HttpOptions.fromJson(json.getJsonObject("http")),
        DatabaseOptions.fromJson(json.getJsonObject("database")),
        ValidationOptions.fromJson(json.getJsonObject("validation")),
        MediaOptions.fromJson(json.getJsonObject("media")),
        OutboundOptions.fromJson(json.getJsonObject("outbound")),
        ThrottleOptions.fromJson(json.getJsonObject("throttle")),
        CallbackOptions.fromJson(json.getJsonObject("callbacks")),
        CarrierOptions.fromJson(json.getJsonObject("carrier")),
        MetricsOptions.fromJson(json.getJsonObject("metrics")),
        Shutdown.fromJson(Shutdown.defaults().mergeIn(json.getJsonObject("shutdown", new JsonObject()))),
        ClusterOptions.fromJson(json.getJsonObject("cluster")),
        LogOptions.fromJson(json.getJsonObject("log")),
        InboundOptions.fromJson(json.getJsonObject("inbound")));
  }

  /**
   * Vert.x's options: one event loop per core, where Vert.x's default is two. Tern's event loops
   * never block (blocking work has pools of its own), so a second loop per core only adds
   * wake-ups and context switches between loops: side by side on a 2-core machine, one loop per
   * core took about 5% off the CPU per accepted message (benchmarks/RESULTS.md).
   */
  public static VertxOptions vertxOptions() {
    return new VertxOptions().setEventLoopPoolSize(Runtime.getRuntime().availableProcessors());
  }

  /** Verticle instances: the configured number, or one per core when 0. */
  public static int instances(int configured) {
    return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("Invalid configuration: " + message);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
