package io.tern.cluster;

import io.tern.store.pg.PgStores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.HashSet;
import java.util.Set;

/**
 * PostgreSQL session advisory locks on one connection that the pod keeps for as long as it
 * owns anything: the store, which every pod reaches anyway, decides who owns what. A lock is
 * released by {@link #unlock}, or by PostgreSQL itself when the session ends (the pod died, or
 * its connection dropped): then the pod must stop everything it owned at once
 * ({@link #onClose}), because another pod may take it over.
 *
 * <p>Locks use PostgreSQL's two-key form: the first key names the Tern schema (pods of another
 * schema in the same database do not compete), the second the thing owned (a shard's number).
 */
final class AdvisoryLocks {
  static final String TRY_LOCK = "SELECT pg_try_advisory_lock($1, $2) AS locked";
  static final String UNLOCK = "SELECT pg_advisory_unlock($1, $2) AS unlocked";
  /** The locks of this schema that any session holds, and which of them are this session's. */
  static final String HELD = """
      SELECT objid::int AS key, pid = pg_backend_pid() AS mine
      FROM pg_locks
      WHERE locktype = 'advisory' AND classid::int = $1 AND objsubid = 2 AND granted
      """;

  /** Keys held, by this session and by others. */
  record Held(Set<Integer> mine, Set<Integer> others) {}

  private final PgConnection connection;
  private final int namespace;

  private AdvisoryLocks(PgConnection connection, int namespace) {
    this.connection = connection;
    this.namespace = namespace;
  }

  static Future<AdvisoryLocks> connect(Vertx vertx, String databaseUrl, String schema) {
    PgConnectOptions options;
    try {
      options = PgStores.connectOptions(databaseUrl, schema);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return PgConnection.connect(vertx, options)
        .map(connection -> new AdvisoryLocks(connection, namespaceOf(schema)));
  }

  /** The first lock key: the schema's, the same on every pod (String.hashCode is specified). */
  static int namespaceOf(String schema) {
    return ("tern:" + schema).hashCode();
  }

  /** Called once when the connection closes, whatever the cause: every lock is gone. */
  void onClose(Runnable lost) {
    connection.closeHandler(closed -> lost.run());
  }

  Future<Boolean> tryLock(int key) {
    return connection.preparedQuery(TRY_LOCK).execute(Tuple.of(namespace, key))
        .map(rows -> rows.iterator().next().getBoolean("locked"));
  }

  Future<Void> unlock(int key) {
    return connection.preparedQuery(UNLOCK).execute(Tuple.of(namespace, key)).mapEmpty();
  }

  /**
   * What is held now. Also proves the session is alive: a pod whose check fails cannot tell
   * whether its locks still hold.
   */
  Future<Held> held() {
    return connection.preparedQuery(HELD).execute(Tuple.of(namespace)).map(rows -> {
      Set<Integer> mine = new HashSet<>();
      Set<Integer> others = new HashSet<>();
      for (Row row : rows) {
        (row.getBoolean("mine") ? mine : others).add(row.getInteger("key"));
      }
      return new Held(mine, others);
    });
  }

  /** Ends the session: PostgreSQL releases every lock it held. */
  Future<Void> close() {
    return connection.close();
  }
}
