package io.tern.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The HTTP server's request meters, read from the scrape after real requests on loopback. */
@ExtendWith(VertxExtension.class)
class RequestMetersTest {
  private static final String ROUTE = "/2010-04-01/Accounts/:AccountSid/Messages.json";
  private static final String FORM = "To=%2B14155550123";
  private static final String CREATED = "{\"sid\":\"SM1\"}";

  Vertx vertx;
  HttpServer server;
  WebClient client;

  @BeforeEach
  void start(VertxTestContext testContext) {
    vertx = TernMetrics.createVertx(new MetricsOptions(true), new VertxOptions());
    Router router = Router.router(vertx);
    // As the gateway's routes: a first route every request passes, then the resource's template.
    router.route().setName("authentication").handler(context -> context.next());
    router.post(ROUTE).setName(ROUTE).handler(context -> context.request().body()
        .onSuccess(body -> context.response().setStatusCode(201).end(CREATED)));
    server = vertx.createHttpServer().requestHandler(router);
    server.listen(0, "127.0.0.1")
        .onSuccess(listening -> client = WebClient.create(vertx))
        .onComplete(testContext.succeedingThenComplete());
  }

  @AfterEach
  void stop(VertxTestContext testContext) {
    vertx.close().onComplete(testContext.succeedingThenComplete());
  }

  private Future<Integer> post(String path, String body) {
    return client.post(server.actualPort(), "127.0.0.1", path)
        .sendBuffer(Buffer.buffer(body))
        .map(response -> response.statusCode());
  }

  private Scrape scrape() {
    return new Scrape(TernMetrics.of(vertx, new MetricsOptions(true)).prometheus()
        .orElseThrow().scrape());
  }

  @Test
  void eachResponseIsCountedTimedAndSizedUnderTheTemplateOfTheLastRouteItPassed(
      VertxTestContext testContext) {
    String path = "/2010-04-01/Accounts/AC123/Messages.json";
    post(path, FORM)
        .compose(first -> post(path, FORM))
        .onComplete(testContext.succeeding(status -> testContext.verify(() -> {
          Scrape scrape = scrape();
          assertThat(status).isEqualTo(201);
          assertThat(scrape.value("vertx_http_server_requests_total",
              "route", ROUTE, "method", "POST", "code", "201")).isEqualTo(2.0);
          assertThat(scrape.value("vertx_http_server_response_time_seconds_count",
              "route", ROUTE, "method", "POST", "code", "201")).isEqualTo(2.0);
          assertThat(scrape.value("vertx_http_server_response_bytes_sum",
              "route", ROUTE, "method", "POST", "code", "201")).isEqualTo(2.0 * CREATED.length());
          assertThat(scrape.value("vertx_http_server_request_bytes_sum", "method", "POST"))
              .isEqualTo(2.0 * FORM.length());
          // Both requests are over: none is active any more.
          assertThat(scrape.value("vertx_http_server_active_requests", "method", "POST")).isZero();
          // The sid in the path never becomes a label.
          assertThat(scrape.text).doesNotContain("AC123");
          testContext.completeNow();
        })));
  }

  @Test
  void aRequestNoResourceTookIsCountedUnderTheLastRouteItPassed(VertxTestContext testContext) {
    client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/nowhere").send()
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(404);
          // The first route let it through; only the resource's template would name it.
          assertThat(scrape().value("vertx_http_server_requests_total",
              "route", "authentication", "method", "GET", "code", "404")).isEqualTo(1.0);
          testContext.completeNow();
        })));
  }

  @Test
  void connectionsAndBytesOnTheSocketStayVertxs(VertxTestContext testContext) {
    post("/2010-04-01/Accounts/AC1/Messages.json", "Body=hi")
        .onComplete(testContext.succeeding(status -> testContext.verify(() -> {
          Scrape scrape = scrape();
          assertThat(scrape.value("vertx_http_server_bytes_read_total")).isPositive();
          assertThat(scrape.value("vertx_http_server_bytes_written_total")).isPositive();
          testContext.completeNow();
        })));
  }
}
