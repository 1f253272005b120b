package io.tern.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Answers of lookups kept per key for {@code ttlNanos} from the moment their query was sent,
 * shared while in flight, and read again ahead of their expiry.
 *
 * <p>Why ahead: a kept answer that simply expired made every caller of its key wait for the next
 * query, and the account's answers (its opt-outs, its own row) are asked by every request of the
 * account, so each expiry held all of them for one query; under a slow database, once a second.
 * Here the first caller in the last quarter of an answer's time starts the next query, and until
 * it answers every caller is given the kept answer at once. No answer is given older than
 * {@code ttlNanos}: past that, callers wait for a query as before, and a read ahead that
 * answers after its answer was dropped ({@link #forget}, {@link #clear}) is dropped too.
 *
 * <p>Failed lookups are not kept; a failed read ahead leaves the kept answer to its time.
 *
 * <p>Every caller gets its answer on its own context, as it would from the pool. A lookup's
 * future belongs to the context of the verticle that started it, and Vert.x runs a future's
 * callbacks there; handing that future to another verticle would run the other verticle's code
 * on the first one's event loop, racing its own, and whatever it registers there (a timer, the
 * reply handler of an event bus request) would go when the first verticle is undeployed. So a
 * kept answer is handed out as a new completed future, and a caller joining a lookup in flight
 * gets the answer passed back to its own context.
 */
final class KeptLookups {
  private final long ttlNanos;
  private final long readAheadNanos;
  private final int maxEntries;
  private final LongSupplier nanoTime;
  private final Map<String, Kept<?>> entries = new ConcurrentHashMap<>();

  /** One answer, from a query sent at {@code sentAt}. */
  private static final class Kept<T> {
    final Future<T> answer;
    final long sentAt;
    /** Set by the caller that starts the read ahead, so only one does. */
    final AtomicBoolean readingAhead = new AtomicBoolean();

    Kept(Future<T> answer, long sentAt) {
      this.answer = answer;
      this.sentAt = sentAt;
    }
  }

  /** @param maxEntries past this many keys everything kept is dropped (a bound, not an LRU) */
  KeptLookups(long ttlMillis, int maxEntries, LongSupplier nanoTime) {
    this.ttlNanos = ttlMillis * 1_000_000L;
    this.readAheadNanos = ttlNanos / 4;
    this.maxEntries = maxEntries;
    this.nanoTime = nanoTime;
  }

  /** The kept answer of {@code key}, or {@code lookUp}'s, which is then kept. */
  @SuppressWarnings("unchecked")
  <T> Future<T> get(String key, Supplier<Future<T>> lookUp) {
    long now = nanoTime.getAsLong();
    Kept<T> kept = (Kept<T>) entries.get(key);
    if (kept != null && age(kept, now) < ttlNanos) {
      if (age(kept, now) >= ttlNanos - readAheadNanos && kept.answer.succeeded()
          && kept.readingAhead.compareAndSet(false, true)) {
        readAhead(key, kept, lookUp, now);
      }
      return forThisCaller(kept.answer);
    }
    if (entries.size() >= maxEntries) {
      entries.clear();
    }
    Promise<T> loaded = Promise.promise();
    Kept<T> fresh = new Kept<>(loaded.future(), now);
    // In the map before the query goes out: a forget() from here on drops what it reads.
    Kept<?> current = entries.merge(key, fresh,
        (old, candidate) -> age(old, now) < ttlNanos ? old : candidate);
    if (current != fresh) {
      return forThisCaller((Future<T>) current.answer);
    }
    lookUp.get().onComplete(loaded);
    loaded.future().onFailure(failure -> entries.remove(key, fresh));
    return loaded.future();
  }

  /** Drops what is kept of {@code key}, and what a query in flight for it will answer. */
  void forget(String key) {
    entries.remove(key);
  }

  /** Drops everything kept, and what the queries in flight will answer. */
  void clear() {
    entries.clear();
  }

  private <T> void readAhead(String key, Kept<T> kept, Supplier<Future<T>> lookUp, long now) {
    Kept<T> next = new Kept<>(lookUp.get(), now);
    next.answer.onComplete(done -> {
      // Replaces only the answer it was read for: one forgotten meanwhile stays forgotten.
      if (done.failed() || !entries.replace(key, kept, next)) {
        kept.readingAhead.set(false);
      }
    });
  }

  private static long age(Kept<?> kept, long now) {
    return now - kept.sentAt;
  }

  /** A shared lookup as a future of the calling context's own (see the class comment). */
  private static <T> Future<T> forThisCaller(Future<T> shared) {
    if (shared.succeeded()) {
      // No context: its callbacks run at once, on the caller's thread.
      return Future.succeededFuture(shared.result());
    }
    if (shared.failed()) {
      return Future.failedFuture(shared.cause());
    }
    Context caller = Vertx.currentContext();
    Promise<T> answer = Promise.promise();
    shared.onComplete(result -> {
      if (caller == null || caller == Vertx.currentContext()) {
        answer.handle(result);
      } else {
        caller.runOnContext(ignored -> answer.handle(result));
      }
    });
    return answer.future();
  }
}
