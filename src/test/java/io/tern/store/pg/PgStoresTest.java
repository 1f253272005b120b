package io.tern.store.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
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
    for (Class<?> statements : new Class<?>[] {
        MessageSql.class, CarrierIdSql.class, AccountSql.class, InboundSql.class}) {
      for (Field field : statements.getDeclaredFields()) {
        if (field.getType() == String.class && Modifier.isStatic(field.getModifiers())) {
          field.setAccessible(true);
          String sql = (String) field.get(null);
          assertThat(keptPrepared.test(sql))
              .as(statements.getSimpleName() + "." + field.getName() + ", " + sql.length() + " characters")
              .isTrue();
          checked++;
        }
      }
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
}
