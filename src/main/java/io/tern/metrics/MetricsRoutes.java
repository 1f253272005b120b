package io.tern.metrics;

import io.tern.api.ApiModule;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * {@code GET /metrics}: every meter in Prometheus text format, without authentication (it shows
 * counts, never a sid, a number or a body). Not mounted when metrics are disabled.
 */
public final class MetricsRoutes implements ApiModule {
  public static final String PATH = "/metrics";

  private final TernMetrics metrics;

  public MetricsRoutes(TernMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void mount(Router router) {
    metrics.prometheus().ifPresent(registry ->
        router.get(PATH).setName(PATH).handler(PrometheusScrapingHandler.create(registry)));
  }
}
