package io.tern.store.pg;

import io.tern.store.DuplicateException;
import io.vertx.core.Future;
import io.vertx.sqlclient.DatabaseException;

/** Translates PostgreSQL failures into the store contract's exceptions. */
final class PgErrors {
  private static final String UNIQUE_VIOLATION = "23505";

  private PgErrors() {}

  /** A unique violation becomes a {@link DuplicateException}; anything else passes through. */
  static <T> Future<T> duplicateAs(Throwable failure, String what) {
    if (failure instanceof DatabaseException db && UNIQUE_VIOLATION.equals(db.getSqlState())) {
      return Future.failedFuture(new DuplicateException(what + " is already registered"));
    }
    return Future.failedFuture(failure);
  }
}
