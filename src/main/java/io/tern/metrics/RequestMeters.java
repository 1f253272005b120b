package io.tern.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MetricsNaming;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The HTTP server's request meters, under Vert.x's names and labels
 * ({@code vertx_http_server_requests_total{route,method,code}},
 * {@code ..._response_time_seconds}, {@code ..._response_bytes}, {@code ..._request_bytes{method}},
 * {@code ..._active_requests{method}}, {@code ..._request_resets_total{method}}), each found once
 * and then kept. The labels are always these three, as the gateway's options set them.
 *
 * <p>Vert.x's own implementation merges tag lists and looks every meter up in the registry on
 * each request (six look-ups, each hashing a fresh tag list, and the route names concatenated
 * with '&gt;'): 10% of the gateway's Java CPU per accepted message under load. Here a request
 * costs one map look-up by (route, method, code) when its response ends. Connections and bytes
 * on the socket stay Vert.x's: every call about the socket goes to {@code sockets}.
 *
 * <p>The route label is the last route the request passed, its template: the authentication
 * route comes first, then the resource's; a request no resource took (a 404) keeps the last
 * route it passed. Empty when it passed none.
 */
final class RequestMeters implements HttpServerMetrics<RequestMeters.Request, Object, Object> {
  private final MeterRegistry registry;
  private final MetricsNaming names;
  private final HttpServerMetrics<Object, Object, Object> sockets;
  private final Map<Responses, Responded> responded = new ConcurrentHashMap<>();
  private final Map<HttpMethod, Received> received = new ConcurrentHashMap<>();

  /** One request on its way: created by Vert.x when the request begins, told each step. */
  static final class Request {
    private final HttpMethod method;
    private final Received received;
    private final long startNanos;
    private String route = "";
    private boolean requestEnded;
    private boolean responseEnded;
    private boolean reset;

    private Request(HttpMethod method, Received received, long startNanos) {
      this.method = method;
      this.received = received;
      this.startNanos = startNanos;
    }

    /** Active until both the request and the response ended, or it was reset. */
    private void leaveWhenDone() {
      if (!reset && requestEnded && responseEnded) {
        received.active.decrement();
      }
    }
  }

  private record Responses(String route, HttpMethod method, int code) {}

  private record Responded(Counter count, Timer time, DistributionSummary bytes) {}

  private record Received(LongAdder active, DistributionSummary bytes, Counter resets) {}

  /**
   * @param names Vert.x's meter names (the options' naming), given the HTTP server's base name here
   * @param sockets Vert.x's own HTTP server metrics, kept for the connection and byte counts
   */
  @SuppressWarnings("unchecked")
  RequestMeters(MeterRegistry registry, MetricsNaming names, HttpServerMetrics<?, ?, ?> sockets) {
    this.registry = registry;
    this.names = names.withBaseName(MetricsDomain.HTTP_SERVER.getPrefix());
    this.sockets = (HttpServerMetrics<Object, Object, Object>) sockets;
  }

  @Override
  public Request requestBegin(Object socketMetric, HttpRequest request) {
    return begin(request.method());
  }

  @Override
  public Request responsePushed(Object socketMetric, HttpMethod method, String uri,
      HttpResponse response) {
    return begin(method);
  }

  private Request begin(HttpMethod method) {
    Received byMethod = received.get(method);
    if (byMethod == null) {
      byMethod = received.computeIfAbsent(method, this::registerReceived);
    }
    byMethod.active.increment();
    return new Request(method, byMethod, System.nanoTime());
  }

  @Override
  public void requestRouted(Request request, String route) {
    if (route != null) {
      request.route = route;
    }
  }

  @Override
  public void requestEnd(Request request, HttpRequest httpRequest, long bytesRead) {
    request.received.bytes.record(bytesRead);
    request.requestEnded = true;
    request.leaveWhenDone();
  }

  @Override
  public void requestReset(Request request) {
    request.received.resets.increment();
    request.received.active.decrement();
    request.reset = true;
  }

  @Override
  public void responseEnd(Request request, HttpResponse response, long bytesWritten) {
    Responses key = new Responses(request.route, request.method, response.statusCode());
    Responded meters = responded.get(key);
    if (meters == null) {
      meters = responded.computeIfAbsent(key, this::registerResponded);
    }
    meters.count.increment();
    meters.time.record(System.nanoTime() - request.startNanos, TimeUnit.NANOSECONDS);
    meters.bytes.record(bytesWritten);
    request.responseEnded = true;
    request.leaveWhenDone();
  }

  private Received registerReceived(HttpMethod method) {
    String tag = method.toString();
    LongAdder active = new LongAdder();
    Gauge.builder(names.getHttpActiveRequests(), active, LongAdder::doubleValue)
        .description("Number of requests being processed")
        .tag(Label.HTTP_METHOD.toString(), tag)
        .register(registry);
    return new Received(active,
        DistributionSummary.builder(names.getHttpRequestBytes())
            .description("Size of requests in bytes")
            .tag(Label.HTTP_METHOD.toString(), tag)
            .register(registry),
        Counter.builder(names.getHttpRequestResetsCount())
            .description("Number of request resets")
            .tag(Label.HTTP_METHOD.toString(), tag)
            .register(registry));
  }

  private Responded registerResponded(Responses key) {
    String[] tags = {
        Label.HTTP_ROUTE.toString(), key.route(),
        Label.HTTP_METHOD.toString(), key.method().toString(),
        Label.HTTP_CODE.toString(), String.valueOf(key.code())};
    return new Responded(
        Counter.builder(names.getHttpRequestsCount())
            .description("Number of processed requests").tags(tags).register(registry),
        Timer.builder(names.getHttpResponseTime())
            .description("Request processing time").tags(tags).register(registry),
        DistributionSummary.builder(names.getHttpResponseBytes())
            .description("Size of responses in bytes").tags(tags).register(registry));
  }

  @Override
  public Object connected(SocketAddress remoteAddress, String remoteName) {
    return sockets.connected(remoteAddress, remoteName);
  }

  @Override
  public void disconnected(Object socketMetric, SocketAddress remoteAddress) {
    sockets.disconnected(socketMetric, remoteAddress);
  }

  @Override
  public void bytesRead(Object socketMetric, SocketAddress remoteAddress, long numberOfBytes) {
    sockets.bytesRead(socketMetric, remoteAddress, numberOfBytes);
  }

  @Override
  public void bytesWritten(Object socketMetric, SocketAddress remoteAddress, long numberOfBytes) {
    sockets.bytesWritten(socketMetric, remoteAddress, numberOfBytes);
  }

  @Override
  public Object connected(Object socketMetric, Request request, ServerWebSocket webSocket) {
    return sockets.connected(socketMetric, null, webSocket);
  }

  @Override
  public void disconnected(Object webSocketMetric) {
    sockets.disconnected(webSocketMetric);
  }

  @Override
  public void exceptionOccurred(Object socketMetric, SocketAddress remoteAddress, Throwable t) {
    sockets.exceptionOccurred(socketMetric, remoteAddress, t);
  }

  @Override
  public void close() {
    sockets.close();
  }
}
