package io.tern.store;

import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import io.vertx.core.VertxException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Tells a store that could not be reached (an outage that passes: the same write succeeds later)
 * from a store that refused the request itself (trying again gives the same answer). The status
 * writer gives up only on the second kind; the API answers the first with 503 and
 * {@code Retry-After}.
 */
public final class StoreFailures {
  // Deeper than any real chain; it only stops a cycle of causes from looping for ever.
  private static final int MAX_CAUSES = 32;

  private StoreFailures() {}

  /** True when the failure, or any cause of it, says the store was out of reach. */
  public static boolean isUnavailable(Throwable failure) {
    for (Throwable cause : causes(failure)) {
      if (unavailableAlone(cause)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when the store refused the request itself: a database error that is not an outage
   * (bad data, a constraint), or an argument the store does not accept. Trying it again gives
   * the same answer. Anything not known to be so is treated as passing.
   */
  public static boolean isRejected(Throwable failure) {
    if (isUnavailable(failure)) {
      return false;
    }
    for (Throwable cause : causes(failure)) {
      if (cause instanceof DatabaseException || cause instanceof IllegalArgumentException) {
        return true;
      }
    }
    return false;
  }

  /** The failure and its causes, each once, at most {@value #MAX_CAUSES} of them. */
  private static List<Throwable> causes(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable cause = failure; cause != null && chain.size() < MAX_CAUSES
        && !chain.contains(cause); cause = cause.getCause()) {
      chain.add(cause);
    }
    return chain;
  }

  private static boolean unavailableAlone(Throwable failure) {
    if (failure instanceof DatabaseException db) {
      return transientState(db.getSqlState());
    }
    return failure instanceof ClosedConnectionException
        || failure instanceof IOException // refused, reset, closed channel
        || failure instanceof TimeoutException
        // The pool's wait for a connection times out with Vert.x's stackless timeout exception.
        || failure.getClass().getSimpleName().contains("Timeout")
        // A connection closed under the client, as Vert.x reports it without a type of its own.
        || (failure instanceof VertxException && String.valueOf(failure.getMessage())
            .toLowerCase(Locale.ROOT).contains("connection"));
  }

  /**
   * Connection failures (08), operator intervention such as a terminated backend or a shutdown
   * (57P), insufficient resources (53), and the serialization and deadlock failures a retry is
   * meant for (40001, 40P01).
   */
  private static boolean transientState(String sqlState) {
    return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P")
        || sqlState.startsWith("53") || sqlState.equals("40001") || sqlState.equals("40P01"));
  }
}
