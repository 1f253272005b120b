package io.tern.health;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The gateway's liveness and readiness checks, to which each component adds its own: every
 * verticle instance that its event loop answers, the store that it is reachable, the gateway
 * that all its verticles are deployed and that it is not draining.
 *
 * <p>Liveness asks "should this process be restarted?": only checks that do not depend on
 * anything outside the process belong there (a database outage must not restart every pod).
 * Readiness asks "should traffic come here?".
 */
public final class GatewayHealth {
  /** A check that has not answered by then counts as failed. */
  public static final long CHECK_TIMEOUT_MILLIS = 2_000;

  private final HealthChecks liveness;
  private final HealthChecks readiness;
  private final AtomicBoolean draining = new AtomicBoolean();
  private final Map<String, AtomicInteger> instances = new ConcurrentHashMap<>();

  public GatewayHealth(Vertx vertx) {
    this.liveness = HealthChecks.create(vertx);
    this.readiness = HealthChecks.create(vertx);
    readiness("draining", promise -> promise.complete(draining.get()
        ? Status.KO(new JsonObject().put("reason", "shutting down"))
        : Status.OK()));
  }

  public void liveness(String name, Handler<Promise<Status>> check) {
    liveness.register(name, CHECK_TIMEOUT_MILLIS, check);
  }

  public void readiness(String name, Handler<Promise<Status>> check) {
    readiness.register(name, CHECK_TIMEOUT_MILLIS, check);
  }

  /** Removes the checks of that name, liveness and readiness alike. */
  public void remove(String name) {
    liveness.unregister(name);
    readiness.unregister(name);
  }

  /** A name for the next instance of a component: {@code ingress-1}, {@code ingress-2}, ... */
  public String instanceName(String component) {
    return component + "-" + instances.computeIfAbsent(component, c -> new AtomicInteger()).incrementAndGet();
  }

  /** From now on readiness fails: the gateway is on its way out. */
  public void beginDrain() {
    draining.set(true);
  }

  public boolean draining() {
    return draining.get();
  }

  public HealthChecks live() {
    return liveness;
  }

  public HealthChecks ready() {
    return readiness;
  }

  /** Passes when the context's event loop runs a task: a blocked or dead loop fails it. */
  public static Handler<Promise<Status>> answersOn(Context context) {
    return promise -> context.runOnContext(ran -> promise.tryComplete(Status.OK()));
  }

  /** Passes when the future the check starts succeeds; fails with its message otherwise. */
  public static Handler<Promise<Status>> succeeds(Supplier<Future<?>> check) {
    return promise -> {
      Future<?> outcome;
      try {
        outcome = check.get();
      } catch (RuntimeException e) {
        outcome = Future.failedFuture(e);
      }
      outcome.onComplete(done -> promise.tryComplete(done.succeeded()
          ? Status.OK()
          : Status.KO(new JsonObject().put("error", String.valueOf(done.cause().getMessage())))));
    };
  }
}
