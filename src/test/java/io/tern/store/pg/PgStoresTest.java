package io.tern.store.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tern.message.Message;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class PgStoresTest {

  @Test
  void acceptsTheThreeUrlForms() {
    for (String url : new String[] {"postgresql://tern:secret@db.internal:5433/gateway",
        "postgres://tern:secret@db.internal:5433/gateway",
        "jdbc:postgresql://tern:secret@db.internal:5433/gateway"}) {
      PgConnectOptions options = PgStores.connectOptions(url, "tern");

      assertThat(options.getHost()).as(url).isEqualTo("db.internal");
      assertThat(options.getPort()).as(url).isEqualTo(5433);
      assertThat(options.getDatabase()).as(url).isEqualTo("gateway");
      assertThat(options.getUser()).as(url).isEqualTo("tern");
      assertThat(options.getPassword()).as(url).isEqualTo("secret");
      assertThat(options.getProperties()).as(url).containsEntry("search_path", "tern");
    }
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void sessionsPlanEachStatementWithItsValues(Vertx vertx, VertxTestContext ctx) {
    Pool pool = PgBuilder.pool().connectingTo(PgStores.connectOptions(PgTestDatabase.URL, "public"))
        .using(vertx).build();

    pool.query("SHOW plan_cache_mode").execute()
        .eventually(() -> pool.close())
        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
          assertThat(rows.iterator().next().getString(0)).isEqualTo("force_custom_plan");
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void writeSessionsKeepOneIndexPlanPerStatement(Vertx vertx, VertxTestContext ctx) {
    PgConnectOptions options = PgStores.connectOptions(PgTestDatabase.URL, "public");
    Pool pool = PgBuilder.pool().connectingTo(PgStores.writeOptions(options)).using(vertx).build();

    pool.query("SELECT current_setting('plan_cache_mode'), current_setting('enable_seqscan'),"
            + " current_setting('enable_hashjoin'), current_setting('enable_mergejoin'),"
            + " current_setting('jit'), current_setting('search_path')").execute()
        .eventually(() -> pool.close())
        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
          Row row = rows.iterator().next();
          assertThat(row.getString(0)).isEqualTo("force_generic_plan");
          assertThat(row.getString(1)).isEqualTo("off");
          assertThat(row.getString(2)).isEqualTo("off");
          assertThat(row.getString(3)).isEqualTo("off");
          assertThat(row.getString(4)).isEqualTo("off");
          assertThat(row.getString(5)).isEqualTo("public");
          // The other sessions' options are left as they were.
          assertThat(options.getProperties()).containsEntry("plan_cache_mode", "force_custom_plan");
          PgConnectOptions writes = PgStores.writeOptions(options);
          assertThat(writes.getCachePreparedStatements()).isTrue();
          assertThat(writes.getPreparedStatementCacheSqlFilter()
              .test(MessageSql.APPLY_STATUS_CHANGES)).isTrue();
          ctx.completeNow();
        })));
  }

  @Test
  void halfThePoolIsForWrites() {
    assertThat(PgStores.writeConnections(PgStores.POOL_SIZE)).isEqualTo(4);
    assertThat(PgStores.writeConnections(3)).isEqualTo(1);
    assertThat(PgStores.writeConnections(1)).isEqualTo(1);
    // The inserts have one of the write sessions to themselves; the rest keep at least one.
    assertThat(PgStores.otherWriteConnections(PgStores.POOL_SIZE)).isEqualTo(3);
    assertThat(PgStores.otherWriteConnections(4)).isEqualTo(1);
    assertThat(PgStores.otherWriteConnections(3)).isEqualTo(1);
  }

  /**
   * The sender queue reads come in herds (every window runs low about together) and must not
   * take the whole read pool: here ten of them wait on a lock on the queues while an opt-out
   * lookup, which every new message needs, still gets a connection and answers.
   */
  @Test
  void aHerdOfQueueReadsLeavesTheRequestsReadsAConnection(Vertx vertx) throws Exception {
    String schema = PgTestDatabase.uniqueSchema("herd");
    PgStores stores = PgTestDatabase.open(vertx, schema);
    try (Connection locker = PgTestDatabase.jdbc();
        Statement lock = locker.createStatement()) {
      locker.setAutoCommit(false);
      lock.execute("LOCK TABLE " + schema + ".queued_message IN ACCESS EXCLUSIVE MODE");
      List<Future<List<Message>>> herd = IntStream.range(0, 10)
          .mapToObj(i -> stores.messageStore().queuedForSender("+1415555010" + i, null, null, 10))
          .toList();

      Optional<Set<String>> optedOut = stores.optOuts().recipientsOptedOut("AC" + "0".repeat(32), 10)
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

      assertThat(optedOut).contains(Set.of());
      assertThat(herd).noneMatch(Future::isComplete);
      locker.rollback();
      assertThat(PgTestDatabase.await(Future.all(herd)).list()).hasSize(10);
    } finally {
      PgTestDatabase.await(stores.close());
      PgTestDatabase.dropSchema(schema);
    }
  }

  /**
   * The write statements' generic plans, made as a write session makes them on a freshly
   * migrated, empty and unanalysed schema (where the planner once settled on a sequential scan
   * for good, and picks between indexes blindly), read every row through the key it is looked
   * up by, or the index made for the sweep that reads it: no table scanned, no hash or merge
   * join over a whole table, no other index.
   */
  @Test
  void writeStatementsReadEveryRowByItsKeyEvenOnAnEmptySchema(Vertx vertx) throws Exception {
    Set<String> keys = Set.of("message_pkey", "messaging_service_pkey",
        "message_media_message_idx", "carrier_id_pkey", "carrier_id_message_idx",
        "carrier_report_pkey", "carrier_report_unmatched_idx", "carrier_report_received_idx",
        "queued_message_pkey", "unreleased_message_pkey", "sent_message_pkey");
    String schema = PgTestDatabase.uniqueSchema("plans");
    PgTestDatabase.await(PgTestDatabase.open(vertx, schema).close());
    List<String> readsOtherwise = new ArrayList<>();
    try (Connection connection = PgTestDatabase.jdbc();
        Statement session = connection.createStatement()) {
      session.execute("SET search_path = " + schema);
      for (Map.Entry<String, String> setting : PgStores.WRITE_PLANNING.entrySet()) {
        session.execute("SET " + setting.getKey() + " = " + setting.getValue());
      }
      for (String statement : PgStores.WRITES) {
        String plan = genericPlan(session, statement);
        Matcher read = TABLE_READ.matcher(plan);
        while (read.find()) {
          String index = read.group(1) != null ? read.group(1) : read.group(2);
          if (index == null || !keys.contains(index)) {
            readsOtherwise.add(read.group() + " in\n" + plan);
          }
        }
      }
    } finally {
      PgTestDatabase.dropSchema(schema);
    }
    assertThat(readsOtherwise).isEmpty();
  }

  /**
   * A page of the API's list comes off the account's listing index in the page's order, newest
   * first, however many messages the account has: the index is built oldest first (inserts
   * append to it) and read backwards. Sorting is switched off so a plan that needed a sort of
   * the account's messages would show one.
   */
  @Test
  void listPagesReadTheAccountsIndexInTheirOrder(Vertx vertx) throws Exception {
    String schema = PgTestDatabase.uniqueSchema("listing");
    PgTestDatabase.await(PgTestDatabase.open(vertx, schema).close());
    String account = "'AC" + "a".repeat(32) + "'";
    String filters = ", NULL, NULL, NULL, NULL, 51";
    String position = ", 'SM" + "b".repeat(32) + "'";
    try (Connection connection = PgTestDatabase.jdbc();
        Statement session = connection.createStatement()) {
      session.execute("SET search_path = " + schema);
      session.execute("SET enable_seqscan = off");
      session.execute("SET enable_sort = off");
      assertThat(plan(session, MessageSql.LIST_FIRST_PAGE, account + filters))
          .contains("Index Scan Backward using message_account_listing_idx on message p")
          .doesNotContain("Sort");
      assertThat(plan(session, MessageSql.LIST_AFTER, account + filters + position))
          .contains("Index Scan Backward using message_account_listing_idx on message p")
          .doesNotContain("Sort");
      // Walking back reads forwards from the position, then puts the page's rows newest first:
      // a sort above the limit, of one page.
      String walkingBack = plan(session, MessageSql.LIST_BEFORE, account + filters + position);
      assertThat(walkingBack)
          .contains("Index Scan using message_account_listing_idx on message p");
      assertThat(walkingBack.lastIndexOf("Sort  (")).isLessThan(walkingBack.indexOf("Limit  ("));
    } finally {
      PgTestDatabase.dropSchema(schema);
    }
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void aLongStatementStaysPreparedOnItsConnection(Vertx vertx, VertxTestContext ctx) {
    String longStatement = "SELECT 1 AS one /*" + "-".repeat(4_000) + "*/";
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1))
        .connectingTo(PgStores.connectOptions(PgTestDatabase.URL, "public")).using(vertx).build();

    pool.withConnection(connection -> connection.preparedQuery(longStatement).execute()
            .compose(first -> connection.preparedQuery(longStatement).execute())
            .compose(second -> connection.preparedQuery(
                    "SELECT count(*) FROM pg_prepared_statements WHERE statement = $1")
                .execute(Tuple.of(longStatement))))
        .eventually(() -> pool.close())
        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
          assertThat(rows.iterator().next().getLong(0)).isEqualTo(1L);
          ctx.completeNow();
        })));
  }

  @Test
  void everyStatementIsOneAConnectionKeepsPrepared() throws IllegalAccessException {
    Predicate<String> keptPrepared = PgStores.connectOptions(PgTestDatabase.URL, "public")
        .getPreparedStatementCacheSqlFilter();
    int checked = 0;
    for (Map.Entry<String, String> statement : everyStatement().entrySet()) {
      String sql = statement.getValue();
      assertThat(keptPrepared.test(sql))
          .as(statement.getKey() + ", " + sql.length() + " characters")
          .isTrue();
      checked++;
    }
    assertThat(checked).isGreaterThan(50);
  }

  @Test
  void migrationConnectsWithTheSslModeOfTheUrl() {
    PgConnectOptions required = PgStores.connectOptions(
        "postgresql://tern:secret@db.internal:5433/gateway?sslmode=require", "tern");
    PgConnectOptions unsaid = PgStores.connectOptions(
        "postgresql://tern:secret@db.internal:5433/gateway", "tern");

    assertThat(PgStores.jdbcUrl(required))
        .isEqualTo("jdbc:postgresql://db.internal:5433/gateway?sslmode=require");
    assertThat(PgStores.jdbcUrl(unsaid))
        .isEqualTo("jdbc:postgresql://db.internal:5433/gateway?sslmode=disable");
  }

  @Test
  void refusesOtherDatabasesAndUnsafeSchemaNames() {
    assertThatThrownBy(() -> PgStores.connectOptions("mysql://root@localhost/tern", "public"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PgStores.connectOptions(PgTestDatabase.URL, "tern; DROP TABLE x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PgStores.connectOptions(PgTestDatabase.URL, "Tern"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void openFailsWithoutMigratingWhenTheUrlIsBad(Vertx vertx, VertxTestContext ctx) {
    PgStores.open(vertx, "", null).onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertThat(e).isInstanceOf(IllegalArgumentException.class);
      ctx.completeNow();
    })));
  }

  /**
   * How a plan reaches rows: through an index (its name in group 1, or 2 for a bitmap), by
   * scanning a table, or by joining whole tables.
   */
  private static final Pattern TABLE_READ = Pattern.compile(
      "(?:Index Scan|Index Only Scan)(?: Backward)? using (\\w+)|Bitmap Index Scan on (\\w+)"
          + "|Seq Scan on \\w+|Hash Join|Merge Join");

  /** The plan of {@code sql} executed with {@code arguments} (SQL literals, comma separated). */
  private static String plan(Statement session, String sql, String arguments)
      throws SQLException {
    return explain(session, sql, parameters -> arguments);
  }

  /** The plan of {@code sql} with every parameter NULL: its generic plan under WRITE_PLANNING. */
  private static String genericPlan(Statement session, String sql) throws SQLException {
    return explain(session, sql,
        parameters -> String.join(", ", Collections.nCopies(parameters, "NULL")));
  }

  /** Prepares {@code sql} and explains its execution with the arguments made for its parameters. */
  private static String explain(Statement session, String sql, IntFunction<String> arguments)
      throws SQLException {
    session.execute("PREPARE tern_plan AS " + sql);
    try {
      int parameters;
      try (ResultSet rows = session.executeQuery("SELECT coalesce(cardinality(parameter_types), 0)"
          + " FROM pg_prepared_statements WHERE name = 'tern_plan'")) {
        rows.next();
        parameters = rows.getInt(1);
      }
      StringBuilder plan = new StringBuilder();
      try (ResultSet rows = session.executeQuery("EXPLAIN EXECUTE tern_plan"
          + (parameters == 0 ? "" : "(" + arguments.apply(parameters) + ")"))) {
        while (rows.next()) {
          plan.append(rows.getString(1)).append('\n');
        }
      }
      return plan.toString();
    } finally {
      session.execute("DEALLOCATE tern_plan");
    }
  }

  /** The statements the stores run, by class and field name. */
  private static Map<String, String> everyStatement() throws IllegalAccessException {
    Map<String, String> statements = new TreeMap<>();
    for (Class<?> holder : new Class<?>[] {
        MessageSql.class, CarrierIdSql.class, AccountSql.class, InboundSql.class}) {
      for (Field field : holder.getDeclaredFields()) {
        int modifiers = field.getModifiers();
        // Private constants are fragments the statements are built from.
        if (field.getType() == String.class && Modifier.isStatic(modifiers)
            && !Modifier.isPrivate(modifiers)) {
          field.setAccessible(true);
          statements.put(holder.getSimpleName() + "." + field.getName(), (String) field.get(null));
        }
      }
    }
    return statements;
  }
}
