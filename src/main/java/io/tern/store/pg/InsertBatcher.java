package io.tern.store.pg;

import io.tern.metrics.BatchMeter;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.DatabaseException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Group commit for one insert statement: callers submit parameter tuples; tuples that arrive
 * while earlier batches are in flight wait and go together as the next batch, sent with
 * {@code executeBatch} (one network exchange, one transaction, one commit for the lot).
 *
 * <p>A {@link Bulk} may take the tuples it can insert as one statement (a multi-row insert from
 * arrays): PostgreSQL then plans, executes and commits once per batch instead of once per tuple,
 * which is most of its CPU per insert. Tuples the bulk statement does not take go with
 * {@code executeBatch} as above, after it.
 *
 * <p>There is no timer: an idle system sends each insert at once, so batching adds no latency;
 * under load the batch grows with the backlog, so the cost per insert falls as load rises.
 * At most {@code maxInFlight} batches are in flight at a time, each on a connection of the
 * batcher's pool.
 *
 * <p>A batch is one transaction, so one bad tuple (a duplicate sid, text PostgreSQL refuses)
 * would fail its neighbours; when the server rejects a batch, each tuple is retried on its own
 * so only the bad one fails (tuples of a failed bulk statement too, with the single statement).
 * A lost connection fails the whole batch: its outcome is unknown.
 *
 * <p>Batches are sent, answered and followed by the next one on the batcher's own context
 * (callers submit from any), over a pool that should be the batcher's alone, so its connections
 * are made on that context's event loop too. Before, the pool answered a batch on the context of
 * whichever request had started it, whose event loop was busy reading and answering requests,
 * and the inserts took turns over the connections of the pool they shared. Side by side this
 * took 8-10% off the CPU per insert and let 10-12% more through at 128 connections, and the
 * context is what paid: a pool of its own with the old context did not (benchmarks/RESULTS.md).
 *
 * <p>Results are delivered on the context each caller submitted from, as the pool itself does,
 * so a verticle's callbacks stay on its event loop.
 */
final class InsertBatcher {

  private record Pending(Tuple tuple, Promise<Boolean> promise, Context context) {}

  /**
   * One statement that inserts many tuples at once, for the tuples it takes: it must insert
   * every one of them (a tuple the single statement would answer with no row is not for it),
   * or fail as a whole.
   */
  interface Bulk {
    /** Whether this tuple of the single statement can go in the bulk statement. */
    boolean takes(Tuple tuple);

    String sql();

    /**
     * The bulk statement's arguments for these tuples (one or more, each taken). A lone tuple
     * goes this way too: the bulk statement plans and runs cheaper than the single one even for
     * one row, and under light load most batches hold one.
     */
    Tuple arguments(List<Tuple> tuples);
  }

  /** No bulk statement: every batch goes with {@code executeBatch}. */
  static final Bulk NO_BULK = null;

  private final Pool pool;
  private final Context context;
  private final String sql;
  private final Bulk bulk;
  private final int maxBatchSize;
  private final int maxInFlight;
  private final BatchMeter meter;
  // Guarded by this.
  private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
  private int inFlight;
  private boolean closed;

  /**
   * @param pool the batcher's own, so its connections are made on {@code context}
   * @param context where batches are sent and answered: an event-loop context
   */
  InsertBatcher(Pool pool, Context context, String sql, int maxBatchSize, int maxInFlight) {
    this(pool, context, sql, NO_BULK, maxBatchSize, maxInFlight, BatchMeter.NONE);
  }

  /** @param meter told each batch's size and the time until every tuple of it had its answer */
  InsertBatcher(Pool pool, Context context, String sql, int maxBatchSize, int maxInFlight,
      BatchMeter meter) {
    this(pool, context, sql, NO_BULK, maxBatchSize, maxInFlight, meter);
  }

  /**
   * @param bulk the statement for many tuples at once, or {@link #NO_BULK}
   * @param meter told each batch's size and the time until every tuple of it had its answer
   */
  InsertBatcher(Pool pool, Context context, String sql, Bulk bulk, int maxBatchSize,
      int maxInFlight, BatchMeter meter) {
    this.pool = pool;
    this.context = context;
    this.sql = sql;
    this.bulk = bulk;
    this.maxBatchSize = maxBatchSize;
    this.maxInFlight = maxInFlight;
    this.meter = meter;
  }

  /** Completes with true when the statement returned a row for this tuple. */
  Future<Boolean> submit(Tuple tuple) {
    Promise<Boolean> promise = Promise.promise();
    List<Pending> batch;
    synchronized (this) {
      if (closed) {
        return Future.failedFuture(new IllegalStateException("The message store is closed"));
      }
      waiting.addLast(new Pending(tuple, promise, Vertx.currentContext()));
      batch = nextBatch();
    }
    if (batch != null) {
      executeOnContext(batch);
    }
    return promise.future();
  }

  /** Fails what has not been sent yet; batches in flight finish. */
  void close() {
    List<Pending> dropped;
    synchronized (this) {
      closed = true;
      dropped = new ArrayList<>(waiting);
      waiting.clear();
    }
    dropped.forEach(p -> deliver(p,
        Future.failedFuture(new IllegalStateException("The message store is closed"))));
  }

  /** Caller holds the lock. Takes the next batch and its in-flight slot, if both are there. */
  private List<Pending> nextBatch() {
    if (inFlight >= maxInFlight || waiting.isEmpty()) {
      return null;
    }
    inFlight++;
    List<Pending> batch = new ArrayList<>(Math.min(waiting.size(), maxBatchSize));
    while (!waiting.isEmpty() && batch.size() < maxBatchSize) {
      batch.add(waiting.removeFirst());
    }
    return batch;
  }

  private void executeOnContext(List<Pending> batch) {
    if (Vertx.currentContext() == context) {
      execute(batch);
    } else {
      context.runOnContext(ignored -> execute(batch));
    }
  }

  /** On {@link #context}: so is the answer, which takes out the next batch. */
  private void execute(List<Pending> batch) {
    long started = System.nanoTime();
    send(batch).onComplete(done -> {
      meter.record(batch.size(), System.nanoTime() - started);
      List<Pending> next;
      synchronized (this) {
        inFlight--;
        next = closed ? null : nextBatch();
      }
      if (next != null) {
        executeOnContext(next);
      }
    });
  }

  /** Completes when every tuple of the batch has its answer. */
  private Future<Void> send(List<Pending> batch) {
    if (bulk == null) {
      return sendRows(batch);
    }
    List<Pending> together = new ArrayList<>(batch.size());
    List<Pending> rows = new ArrayList<>();
    for (Pending pending : batch) {
      (bulk.takes(pending.tuple()) ? together : rows).add(pending);
    }
    if (together.isEmpty()) {
      return sendRows(batch);
    }
    if (rows.isEmpty()) {
      return sendBulk(together);
    }
    // One after the other, so the batch holds one connection at a time as its slot promises.
    return sendBulk(together).compose(done -> sendRows(rows));
  }

  /** One statement for all: every tuple inserted, or each retried alone when the server refuses. */
  private Future<Void> sendBulk(List<Pending> batch) {
    Tuple arguments = bulk.arguments(batch.stream().map(Pending::tuple).toList());
    return pool.preparedQuery(bulk.sql()).execute(arguments)
        .transform(result -> {
          if (result.succeeded()) {
            batch.forEach(pending -> deliver(pending, Future.succeededFuture(true)));
            return Future.succeededFuture();
          }
          return failed(batch, result.cause());
        });
  }

  private Future<Void> sendRows(List<Pending> batch) {
    if (batch.size() == 1) {
      return sendAlone(batch.get(0));
    }
    List<Tuple> tuples = batch.stream().map(Pending::tuple).toList();
    return pool.preparedQuery(sql).executeBatch(tuples)
        .transform(result -> {
          if (result.succeeded()) {
            RowSet<Row> rows = result.result();
            for (Pending pending : batch) {
              deliver(pending, Future.succeededFuture(rows.size() > 0));
              rows = rows.next();
            }
            return Future.succeededFuture();
          }
          return failed(batch, result.cause());
        });
  }

  /**
   * The server refused the batch (one bad tuple fails the transaction): each tuple alone, so
   * only the bad one fails. Any other failure (a lost connection) fails them all.
   */
  private Future<Void> failed(List<Pending> batch, Throwable cause) {
    if (cause instanceof DatabaseException) {
      return Future.join(batch.stream().map(this::sendAlone).toList()).mapEmpty();
    }
    batch.forEach(pending -> deliver(pending, Future.failedFuture(cause)));
    return Future.succeededFuture();
  }

  private Future<Void> sendAlone(Pending pending) {
    return pool.preparedQuery(sql).execute(pending.tuple())
        .transform(result -> {
          deliver(pending, result.map(rows -> rows.size() > 0));
          return Future.succeededFuture();
        });
  }

  private static void deliver(Pending pending, AsyncResult<Boolean> result) {
    Context context = pending.context();
    if (context == null || context == Vertx.currentContext()) {
      pending.promise().handle(result);
    } else {
      context.runOnContext(ignored -> pending.promise().handle(result));
    }
  }
}
