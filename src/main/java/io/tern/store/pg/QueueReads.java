package io.tern.store.pg;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Supplier;

/**
 * The throttle's reads of sender queues, at most {@code limit} on the pool at once; the others
 * wait here, in order. They come in herds (every sender's window runs low about together, every
 * sender is recovered at start), and a herd left to the pool filled its wait queue: an account
 * or opt-out lookup that a request needed waited behind a thousand refills, and the gateway
 * answered nothing for seconds (benchmarks/RESULTS.md, the mixed-load stall). Held to a part of
 * the pool, they leave the rest to the requests' reads.
 *
 * <p>Called from any event loop. A read that waited is started on its caller's context, so its
 * future completes there, as it would have without the wait.
 */
final class QueueReads {
  private final int limit;
  private final Queue<Runnable> waiting = new ArrayDeque<>();
  private int running;

  QueueReads(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    this.limit = limit;
  }

  /** At most {@code limit} connections for queue reads out of a pool of {@code poolSize}. */
  static int limitFor(int poolSize) {
    return Math.max(1, poolSize / 2);
  }

  /** Runs {@code read} once fewer than {@code limit} reads are running. */
  <T> Future<T> run(Supplier<Future<T>> read) {
    Context caller = Vertx.currentContext();
    Promise<T> result = Promise.promise();
    Runnable start = () -> started(read).onComplete(done -> {
      next();
      result.handle(done);
    });
    boolean now;
    synchronized (this) {
      now = running < limit;
      if (now) {
        running++;
      } else {
        waiting.add(caller == null ? start : () -> caller.runOnContext(ignored -> start.run()));
      }
    }
    if (now) {
      start.run();
    }
    return result.future();
  }

  private static <T> Future<T> started(Supplier<Future<T>> read) {
    try {
      return read.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private void next() {
    Runnable start;
    synchronized (this) {
      start = waiting.poll();
      if (start == null) {
        running--;
        return;
      }
    }
    start.run();
  }
}
