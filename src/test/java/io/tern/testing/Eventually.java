package io.tern.testing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls an asynchronous check until it holds: for states reached by timers and carriers. */
public final class Eventually {
  private Eventually() {}

  public static <T> Future<T> poll(Vertx vertx, Supplier<Future<T>> probe, Predicate<T> done,
      long timeoutMillis) {
    Promise<T> result = Promise.promise();
    long deadline = System.currentTimeMillis() + timeoutMillis;
    attempt(vertx, probe, done, deadline, result);
    return result.future();
  }

  private static <T> void attempt(Vertx vertx, Supplier<Future<T>> probe, Predicate<T> done,
      long deadline, Promise<T> result) {
    probe.get().onComplete(outcome -> {
      if (outcome.succeeded() && done.test(outcome.result())) {
        result.complete(outcome.result());
      } else if (System.currentTimeMillis() > deadline) {
        result.fail(new AssertionError("Condition not reached in time; last: "
            + (outcome.succeeded() ? outcome.result() : outcome.cause())));
      } else {
        vertx.setTimer(100, retry -> attempt(vertx, probe, done, deadline, result));
      }
    });
  }
}
