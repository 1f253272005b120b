package io.tern.store.pg;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The test database: {@code test} on the local PostgreSQL unless the system property
 * {@code tern.test.database-url} names another. Each test class opens the stores on a schema
 * of its own and drops it afterwards.
 */
final class PgTestDatabase {
  static final String URL = System.getProperty(
      "tern.test.database-url", "postgresql://postgres@127.0.0.1:5432/test");

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
    var options = PgStores.connectOptions(URL, schema);
    String jdbcUrl = "jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/"
        + options.getDatabase();
    try (Connection connection =
            DriverManager.getConnection(jdbcUrl, options.getUser(), options.getPassword());
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }
}
