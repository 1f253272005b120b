package io.tern.store.pg;

import io.tern.metrics.BatchMeter;
import io.tern.store.AccountRegistry;
import io.tern.store.CarrierIds;
import io.tern.store.MessageStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The PostgreSQL stores behind two pools that share the configured connections: the write
 * sessions run the message path's inserts and status writes with plans made once ({@link
 * #WRITE_PLANNING}), the others everything else with plans made at each execution ({@link
 * #connectOptions}). {@link #open} migrates the schema (creating it when missing) and then
 * connects with {@code search_path} set to it, so the SQL names no schema and several Tern
 * instances, or test classes, can share one database in separate schemas.
 *
 * <p>Idempotency keys older than their window are deleted hourly by every node; the delete is
 * idempotent, so nodes need not agree who does it.
 */
public final class PgStores {
  private static final System.Logger LOG = System.getLogger(PgStores.class.getName());

  public static final String DEFAULT_SCHEMA = "public";
  /**
   * Connections per node by default: four write sessions ({@link #writeConnections}) and four
   * for reads and the rest, of which the throttle's sender queue reads take at most two
   * ({@link QueueReads}).
   */
  static final int POOL_SIZE = 8;
  /**
   * The longest statement text a connection keeps prepared. The client's default, 2,048
   * characters, left the status statement (over 4,000) unprepared: every execution parsed it
   * again on both sides and decoded a fresh row description, whose column names were hashed
   * anew at every lookup by name. Every statement Tern runs fits under this limit.
   */
  static final int PREPARED_SQL_LIMIT = 16 * 1024;
  /**
   * How the write sessions plan, as startup parameters: one generic plan per prepared statement,
   * made once per connection, and the planner told to reach rows through an index, not a scan
   * of the table or a hash or merge join over it. Their statements ({@link #WRITES}) find every
   * row they read by its key (a primary key, a message's media by the message) or through the
   * index made for the sweep that reads it, so that plan is right whatever the tables hold
   * (PgStoresTest holds them to it), and planning at every execution, as the other sessions
   * do, took 16-45% of the status statement's time. A table with no index fit for a statement
   * would still be scanned: these settings only price the alternatives out, and that price
   * would make such a plan look costly enough to be compiled at each execution, hence no JIT.
   * See benchmarks/RESULTS.md.
   */
  static final Map<String, String> WRITE_PLANNING = Map.of(
      "plan_cache_mode", "force_generic_plan",
      "enable_seqscan", "off",
      "enable_hashjoin", "off",
      "enable_mergejoin", "off",
      "jit", "off");
  /**
   * The statements run on the write sessions: the message path's inserts and status writes, and
   * the once-a-second sweeps of delivery reports, whose plans made with their values but without
   * statistics (a young table, autovacuum off) scanned every report kept each time.
   */
  static final List<String> WRITES = List.of(MessageSql.INSERT, MessageSql.INSERT_MANY,
      MessageSql.APPLY_STATUS_CHANGES, CarrierIdSql.KEEP_ALL, CarrierIdSql.RECENTLY_MATCHED,
      CarrierIdSql.MARK_MATCHED, CarrierIdSql.FORGET_REPORTS);

  private static final Duration KEY_EXPIRY_PERIOD = Duration.ofHours(1);
  // Lower case only: unquoted identifiers fold to lower case, and search_path must match.
  private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final Vertx vertx;
  private final Pool pool;
  private final Pool writePool;
  private final PgMessageStore.InsertSessions inserts;
  private final PgMessageStore messageStore;
  private final PgCarrierIds carrierIds;
  private final PgAccountRegistry accountRegistry;
  private final PgInboundStore inboundStore;
  private final PgOptOuts optOuts;
  private final long expiryTimer;

  private PgStores(Vertx vertx, Pool pool, int readConnections, Pool writePool,
      PgMessageStore.InsertSessions inserts, Clock clock, BatchMeter insertBatches) {
    this.vertx = vertx;
    this.pool = pool;
    this.writePool = writePool;
    this.inserts = inserts;
    this.messageStore = new PgMessageStore(pool, readConnections, writePool, inserts,
        insertBatches);
    this.carrierIds = new PgCarrierIds(pool, writePool);
    this.accountRegistry = new PgAccountRegistry(pool);
    this.inboundStore = new PgInboundStore(pool);
    this.optOuts = new PgOptOuts(pool);
    // A failed sweep is harmless: expired keys no longer answer, and the next sweep takes them.
    this.expiryTimer = vertx.setPeriodic(KEY_EXPIRY_PERIOD.toMillis(), id -> messageStore
        .expireIdempotencyKeys(clock.instant().minus(MessageStore.IDEMPOTENCY_WINDOW)));
  }

  /**
   * Migrates {@code schema} of the database at {@code databaseUrl} and connects to it.
   *
   * @param databaseUrl {@code postgresql://user[:password]@host[:port]/database}; the
   *     {@code postgres://} and {@code jdbc:postgresql://} forms are accepted too
   * @param schema lower-case schema name, created when missing; null for {@code public}
   */
  public static Future<PgStores> open(Vertx vertx, String databaseUrl, String schema) {
    return open(vertx, databaseUrl, schema, POOL_SIZE);
  }

  /** As {@link #open(Vertx, String, String)}, with {@code poolSize} connections. */
  public static Future<PgStores> open(Vertx vertx, String databaseUrl, String schema, int poolSize) {
    return open(vertx, databaseUrl, schema, poolSize, BatchMeter.NONE);
  }

  /**
   * As {@link #open(Vertx, String, String, int)}, telling {@code insertBatches} of every batch
   * of message inserts.
   */
  public static Future<PgStores> open(Vertx vertx, String databaseUrl, String schema, int poolSize,
      BatchMeter insertBatches) {
    PgConnectOptions options;
    try {
      options = connectOptions(databaseUrl, schema == null ? DEFAULT_SCHEMA : schema);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    String searchPath = options.getProperties().get("search_path");
    // Flyway speaks JDBC, which blocks: keep it off the event loop.
    return vertx.executeBlocking(() -> {
      migrate(options, searchPath);
      return null;
    }).map(ignored -> {
      int writeConnections = writeConnections(poolSize);
      int readConnections = Math.max(1, poolSize - writeConnections);
      Pool pool = pool(vertx, options, readConnections);
      Pool writePool = pool(vertx, writeOptions(options), otherWriteConnections(poolSize));
      // The inserts' connections are made on the context that first uses them: their batcher's.
      PgMessageStore.InsertSessions inserts = new PgMessageStore.InsertSessions(
          pool(vertx, writeOptions(options), PgMessageStore.MAX_BATCHES_IN_FLIGHT),
          ((VertxInternal) vertx).createEventLoopContext());
      return new PgStores(vertx, pool, readConnections, writePool, inserts, Clock.systemUTC(),
          insertBatches);
    });
  }

  /**
   * Of {@code poolSize} connections, those for the write sessions: half. At the default size
   * that is one each for the insert batch in flight (in a pool of its own: see
   * {@link InsertBatcher}), the status writer's batch, the delivery reports being kept and the
   * report sweeps; reads and the rest keep the other half.
   */
  static int writeConnections(int poolSize) {
    return Math.max(1, poolSize / 2);
  }

  /**
   * Of the write sessions, those not the inserts' own: at least one, so below a pool size of
   * four there is one connection more than asked.
   */
  static int otherWriteConnections(int poolSize) {
    return Math.max(1, writeConnections(poolSize) - PgMessageStore.MAX_BATCHES_IN_FLIGHT);
  }

  private static Pool pool(Vertx vertx, PgConnectOptions options, int size) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(size))
        .connectingTo(options)
        .using(vertx)
        .build();
  }

  /**
   * Connection options from the URL, with the schema as search_path, and every statement planned
   * with its values ({@code plan_cache_mode}): Tern's tables start empty and its queues churn, and
   * a prepared statement's generic plan, made once per connection while a table was small or
   * unanalysed, stayed a sequential scan for the life of the connection (a sender's queue refill
   * took 60-70 ms instead of a fraction of one; see benchmarks/RESULTS.md). Generic plans made
   * then also pick between indexes blindly: an account's message looked up by sid went through
   * the account's listing index. The write sessions differ: {@link #writeOptions}.
   */
  public static PgConnectOptions connectOptions(String databaseUrl, String schema) {
    if (databaseUrl == null || databaseUrl.isBlank()) {
      throw new IllegalArgumentException("No database URL");
    }
    if (!SCHEMA_NAME.matcher(schema).matches()) {
      throw new IllegalArgumentException("Schema name must match " + SCHEMA_NAME + ": " + schema);
    }
    String uri = databaseUrl.startsWith("jdbc:") ? databaseUrl.substring(5) : databaseUrl;
    if (!uri.startsWith("postgresql://") && !uri.startsWith("postgres://")) {
      throw new IllegalArgumentException(
          "Database URL must start with postgresql://, postgres:// or jdbc:postgresql://");
    }
    return PgConnectOptions.fromUri(uri)
        .setCachePreparedStatements(true)
        .setPreparedStatementCacheSqlLimit(PREPARED_SQL_LIMIT)
        .addProperty("search_path", schema)
        .addProperty("plan_cache_mode", "force_custom_plan");
  }

  /** {@code options} for the write sessions: {@link #WRITE_PLANNING}. */
  static PgConnectOptions writeOptions(PgConnectOptions options) {
    PgConnectOptions writes = new PgConnectOptions(options);
    WRITE_PLANNING.forEach(writes::addProperty);
    return writes;
  }

  /** Flyway's own lines are silenced (log.levels); this is the one the migration leaves. */
  private static void migrate(PgConnectOptions options, String schema) {
    MigrateResult result = Flyway.configure()
        .dataSource(jdbcUrl(options), options.getUser(), options.getPassword())
        .schemas(schema)
        .createSchemas(true)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
    LOG.log(System.Logger.Level.INFO, "Schema " + schema + " at version " + version
        + (result.migrationsExecuted == 0 ? ", up to date"
            : " after " + result.migrationsExecuted + " migration(s) from "
                + (result.initialSchemaVersion == null ? "an empty schema" : "version " + result.initialSchemaVersion)));
  }

  /**
   * The JDBC URL Flyway migrates through: the pool's host, port and database, and its SSL mode
   * (JDBC's default is {@code prefer}, the pool's is {@code disable}: naming it makes the
   * migration connect the way the pool does, and a {@code ?sslmode=require} in the database URL
   * reach both).
   */
  static String jdbcUrl(PgConnectOptions options) {
    return "jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/"
        + URLEncoder.encode(options.getDatabase(), StandardCharsets.UTF_8)
        + "?sslmode=" + options.getSslMode().value;
  }

  /** The carrier ids the message store records with {@code sent}, and the reports matched to them. */
  public CarrierIds carrierIds() {
    return carrierIds;
  }

  public MessageStore messageStore() {
    return messageStore;
  }

  public AccountRegistry accountRegistry() {
    return accountRegistry;
  }

  public PgInboundStore inboundStore() {
    return inboundStore;
  }

  public PgOptOuts optOuts() {
    return optOuts;
  }

  /** One round trip to the database ({@code SELECT 1}): fails when it is unreachable. */
  public Future<Void> ping() {
    return pool.query(MessageSql.PING).execute().mapEmpty();
  }

  /** Stops the key expiry, fails inserts not yet sent, and closes the pools. */
  public Future<Void> close() {
    vertx.cancelTimer(expiryTimer);
    messageStore.close();
    return Future.join(pool.close(), writePool.close(), inserts.pool().close()).mapEmpty();
  }
}
