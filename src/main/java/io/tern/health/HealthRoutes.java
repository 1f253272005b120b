package io.tern.health;

import io.tern.api.ApiModule;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;

/**
 * {@code GET /health/live} and {@code GET /health/ready}, without authentication: 200 with
 * {@code "status": "UP"} and every check's result, or 503 with {@code "DOWN"} and the failing
 * checks' reasons.
 */
public final class HealthRoutes implements ApiModule {
  public static final String LIVE = "/health/live";
  public static final String READY = "/health/ready";

  private final GatewayHealth health;

  public HealthRoutes(GatewayHealth health) {
    this.health = health;
  }

  @Override
  public void mount(Router router) {
    router.get(LIVE).setName(LIVE).handler(HealthCheckHandler.createWithHealthChecks(health.live()));
    router.get(READY).setName(READY).handler(HealthCheckHandler.createWithHealthChecks(health.ready()));
  }
}
