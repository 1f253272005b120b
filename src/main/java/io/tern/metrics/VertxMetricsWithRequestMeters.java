package io.tern.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.ClientMetrics;
import io.vertx.core.spi.metrics.DatagramSocketMetrics;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.PoolMetrics;
import io.vertx.core.spi.metrics.TCPMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.micrometer.MetricsNaming;
import io.vertx.micrometer.impl.MicrometerMetrics;

/**
 * Vert.x's Micrometer metrics as they are, but for the HTTP server's requests, which
 * {@link RequestMeters} counts under the same names with a look-up per request instead of six.
 * It stays a {@link MicrometerMetrics}, so whatever finds Vert.x's registry through it still does.
 */
final class VertxMetricsWithRequestMeters implements VertxMetrics, MicrometerMetrics {
  private final VertxMetrics vertx;
  private final MicrometerMetrics micrometer;
  private final MetricsNaming names;

  /** @param micrometer what Vert.x's {@code MicrometerMetricsFactory} made */
  VertxMetricsWithRequestMeters(VertxMetrics micrometer, MetricsNaming names) {
    this.vertx = micrometer;
    this.micrometer = (MicrometerMetrics) micrometer;
    this.names = names;
  }

  @Override
  public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(HttpServerOptions options,
      SocketAddress localAddress) {
    HttpServerMetrics<?, ?, ?> sockets = vertx.createHttpServerMetrics(options, localAddress);
    return sockets == null ? null : new RequestMeters(registry(), names, sockets);
  }

  @Override
  public MeterRegistry registry() {
    return micrometer.registry();
  }

  @Override
  public String baseName() {
    return micrometer.baseName();
  }

  @Override
  public EventBusMetrics<?> createEventBusMetrics() {
    return vertx.createEventBusMetrics();
  }

  @Override
  public ClientMetrics<?, ?, ?> createClientMetrics(SocketAddress remoteAddress, String type,
      String namespace) {
    return vertx.createClientMetrics(remoteAddress, type, namespace);
  }

  @Override
  public HttpClientMetrics<?, ?, ?> createHttpClientMetrics(HttpClientOptions options) {
    return vertx.createHttpClientMetrics(options);
  }

  @Override
  public TCPMetrics<?> createNetServerMetrics(NetServerOptions options,
      SocketAddress localAddress) {
    return vertx.createNetServerMetrics(options, localAddress);
  }

  @Override
  public TCPMetrics<?> createNetClientMetrics(NetClientOptions options) {
    return vertx.createNetClientMetrics(options);
  }

  @Override
  public DatagramSocketMetrics createDatagramSocketMetrics(DatagramSocketOptions options) {
    return vertx.createDatagramSocketMetrics(options);
  }

  @Override
  public PoolMetrics<?, ?> createPoolMetrics(String type, String name, int maxSize) {
    return vertx.createPoolMetrics(type, name, maxSize);
  }

  @Override
  public void vertxCreated(Vertx created) {
    vertx.vertxCreated(created);
  }

  @Override
  public boolean isMetricsEnabled() {
    return vertx.isMetricsEnabled();
  }

  @Override
  public void close() {
    vertx.close();
  }
}
