package io.tern.store.pg;

import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The test database, the same one the gateway tests use ({@link TestGateway#DATABASE_URL}:
 * {@code test} on the local PostgreSQL unless {@code -Dtern.test.databaseUrl} names another).
 * Each test class opens the stores on a schema of its own and drops it afterwards ({@link PgSchema}).
 */
final class PgTestDatabase {
  static final String URL = TestGateway.DATABASE_URL;

  private PgTestDatabase() {}

  static String uniqueSchema(String purpose) {
    return "test_" + purpose + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /** Set-up and tear-down run on the JUnit thread, where waiting is allowed. */
  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  static PgStores open(Vertx vertx, String schema) throws Exception {
    return await(PgStores.open(vertx, URL, schema));
  }

  static void dropSchema(String schema) throws Exception {
    try (Connection connection = jdbc(); Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  /** A plain JDBC connection, to look at tables behind the stores' back. */
  static Connection jdbc() throws Exception {
    var options = PgStores.connectOptions(URL, "public");
    String jdbcUrl = "jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/"
        + options.getDatabase();
    return DriverManager.getConnection(jdbcUrl, options.getUser(), options.getPassword());
  }

  /** The single number a query answers, e.g. a count. */
  static long queryLong(String sql, String parameter) throws Exception {
    try (Connection connection = jdbc(); var statement = connection.prepareStatement(sql)) {
      statement.setString(1, parameter);
      try (var result = statement.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }
}
