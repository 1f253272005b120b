package io.tern.testing;

import io.tern.Gateway;
import io.tern.config.ConfigLoader;
import io.tern.carrier.SubmissionLog;
import io.tern.config.TernConfig;
import java.time.Clock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Starts a real gateway for a test class: on a free loopback port, with the in-memory store or
 * with PostgreSQL on a schema of its own (so test classes never see each other's rows).
 */
public final class TestGateway {
  /** The machine's PostgreSQL; {@code -Dtern.test.databaseUrl=...} points the tests elsewhere. */
  public static final String DATABASE_URL =
      System.getProperty("tern.test.databaseUrl", "postgresql://postgres@127.0.0.1:5432/test");

  private TestGateway() {}

  public static Future<Gateway> inMemory(Vertx vertx) {
    return Gateway.start(vertx, config(Map.of()));
  }

  /** A gateway on PostgreSQL, in a fresh schema named after the test. */
  public static Future<Gateway> onPostgres(Vertx vertx, String schemaPrefix) {
    return Gateway.start(vertx, config(Map.of(
        "TERN_DATABASE_URL", DATABASE_URL,
        "TERN_DATABASE_SCHEMA", uniqueSchema(schemaPrefix))));
  }

  /** A gateway with extra TERN_* variables, a clock and a carrier submission log of the test's. */
  public static Future<Gateway> start(Vertx vertx, Map<String, String> env, Clock clock,
      SubmissionLog submissionLog) {
    return Gateway.start(vertx, config(env), clock, submissionLog);
  }

  /** The variables that put a gateway on PostgreSQL in the given schema. */
  public static Map<String, String> postgres(String schema) {
    return Map.of("TERN_DATABASE_URL", DATABASE_URL, "TERN_DATABASE_SCHEMA", schema);
  }

  /** Configuration as a newcomer would get it, plus the given TERN_* variables. */
  public static TernConfig config(Map<String, String> env) {
    Map<String, String> all = new HashMap<>();
    all.put("TERN_HTTP_HOST", "127.0.0.1");
    all.put("TERN_HTTP_PORT", Integer.toString(freePort()));
    all.put("TERN_HTTP_INSTANCES", "2");
    all.put("TERN_VALIDATION_INSTANCES", "2");
    all.put("TERN_OUTBOUND_ALLOW_LOOPBACK", "true");
    all.putAll(env);
    return ConfigLoader.bind(new JsonObject(), all);
  }

  /** A schema no other test uses; it is dropped when the test JVM ends ({@link TestSchemas}). */
  public static String uniqueSchema(String prefix) {
    return TestSchemas.dropAtExit((prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
