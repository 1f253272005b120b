package io.tern.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Drops, when the test JVM ends, every schema a test asked for: gateways started by a test may
 * outlive it (a test fails half-way), and a schema left behind is a database that fills up run
 * after run. Test classes that manage a schema's life themselves may drop it earlier; dropping
 * twice is harmless.
 */
public final class TestSchemas {
  private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(TestSchemas::dropAll, "test-schema-cleanup"));
  }

  private TestSchemas() {}

  public static String dropAtExit(String schema) {
    if (!schema.matches("[a-z0-9_]+")) {
      throw new IllegalArgumentException("not a plain schema name: " + schema);
    }
    CREATED.add(schema);
    return schema;
  }

  private static void dropAll() {
    if (CREATED.isEmpty()) {
      return;
    }
    // postgresql://user[:password]@host:port/db, the form TestGateway.DATABASE_URL takes.
    java.net.URI uri = java.net.URI.create(TestGateway.DATABASE_URL);
    String[] user = uri.getUserInfo() == null ? new String[] {"postgres"} : uri.getUserInfo().split(":", 2);
    String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort())
        + uri.getPath();
    try (Connection connection = DriverManager.getConnection(jdbc, user[0], user.length > 1 ? user[1] : null);
        Statement statement = connection.createStatement()) {
      statement.execute("SET lock_timeout = '5s'");
      for (String schema : CREATED) {
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    } catch (SQLException e) {
      System.err.println("Could not drop the test schemas " + CREATED + ": " + e.getMessage());
    }
  }
}
