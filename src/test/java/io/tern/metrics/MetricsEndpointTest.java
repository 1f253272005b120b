package io.tern.metrics;

import static io.tern.testing.ApiClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.Gateway;
import io.tern.config.TernConfig;
import io.tern.store.PhoneNumber;
import io.tern.message.Sids;
import io.tern.testing.ApiClient;
import io.tern.testing.Eventually;
import io.tern.testing.RecordingHttpServer;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /metrics} on a gateway whose Vert.x records metrics, as {@code Main} starts it: Vert.x's
 * HTTP meters labelled by route and Tern's own meters, moving as messages are created, refused
 * and sent.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class MetricsEndpointTest {
  private static final String SENDER = "+14155550100";
  private static final String MESSAGES_ROUTE = "/2010-04-01/Accounts/{AccountSid}/Messages.json";

  Vertx vertx;
  Gateway gateway;
  ApiClient api;
  WebClient web;
  String messages;

  @BeforeAll
  void start(VertxTestContext testContext) {
    vertx = TernMetrics.createVertx(new MetricsOptions(true), TernConfig.vertxOptions());
    web = WebClient.create(vertx);
    TestGateway.inMemory(vertx)
        .compose(started -> {
          gateway = started;
          api = ApiClient.as(web, started, started.mainAccount());
          messages = "/2010-04-01/Accounts/" + started.mainAccount().sid() + "/Messages.json";
          Instant now = Instant.now();
          return started.components().accounts().addPhoneNumber(new PhoneNumber(
              Sids.generate(Sids.PHONE_NUMBER), started.mainAccount().sid(), SENDER,
              null, null, null, null, now, now));
        })
        .onComplete(testContext.succeedingThenComplete());
  }

  @AfterAll
  void stop(VertxTestContext testContext) {
    gateway.stop().eventually(vertx::close).onComplete(testContext.succeedingThenComplete());
  }

  @Test
  void createdAndRefusedMessagesShowInTheScrapeAndMoveWithEachRequest(VertxTestContext testContext) {
    scrape().compose(before ->
            api.post(messages, form("To", "+14155550123", "From", SENDER, "Body", "Hello"))
                .compose(created -> {
                  testContext.verify(() -> assertThat(created.statusCode()).isEqualTo(201));
                  return api.post(messages, form("To", "+1415", "From", SENDER, "Body", "Hello"));
                })
                .compose(refused -> {
                  testContext.verify(() -> assertThat(refused.statusCode()).isEqualTo(400));
                  return scrape();
                })
                .map(after -> new Scrape[] {before, after}))
        .onComplete(testContext.succeeding(both -> testContext.verify(() -> {
          Scrape before = both[0];
          Scrape after = both[1];
          assertThat(increase(before, after, "tern_messages_accepted_total")).isEqualTo(1.0);
          assertThat(increase(before, after, "tern_messages_rejected_total", "code", "21211"))
              .isEqualTo(1.0);
          assertThat(increase(before, after, "vertx_http_server_requests_total",
              "route", MESSAGES_ROUTE, "method", "POST", "code", "201")).isEqualTo(1.0);
          assertThat(increase(before, after, "vertx_http_server_requests_total",
              "route", MESSAGES_ROUTE, "method", "POST", "code", "400")).isEqualTo(1.0);
          // The route is the template: no label carries an account sid, a message sid or a number.
          assertThat(after.text).doesNotContain(gateway.mainAccount().sid()).doesNotContain("4155550123");
          testContext.completeNow();
        })));
  }

  @Test
  void aSentMessageIsCountedOnItsWayThroughThrottleCarrierStatusWriterAndCallback(
      VertxTestContext testContext) {
    RecordingHttpServer.start(vertx, request -> new RecordingHttpServer.CannedResponse(204, ""))
        .compose(receiver -> scrape().compose(before ->
            api.post(messages, form("To", "+15005559993", "From", SENDER, "Body", "Refused by the carrier",
                    "StatusCallback", receiver.baseUrl() + "/status"))
                .compose(created -> Eventually.poll(vertx, this::scrape,
                    after -> increase(before, after, "tern_carrier_outcomes_total",
                        "status", "failed", "code", "30008") == 1.0
                        && increase(before, after, "tern_callback_attempts_total",
                            "outcome", "delivered") >= 1.0, 10_000))
                .map(after -> new Scrape[] {before, after})))
        .onComplete(testContext.succeeding(both -> testContext.verify(() -> {
          Scrape before = both[0];
          Scrape after = both[1];
          assertThat(increase(before, after, "tern_callback_latency_seconds_count", "outcome", "delivered"))
              .isGreaterThanOrEqualTo(1.0);
          assertThat(increase(before, after, "tern_callback_failures_total")).isZero();
          assertThat(increase(before, after, "tern_throttle_dispatched_total")).isEqualTo(1.0);
          assertThat(increase(before, after, "tern_throttle_dispatched_segments_total")).isEqualTo(1.0);
          // queued -> sending -> failed: two status batches at least, one row each.
          assertThat(increase(before, after, "tern_store_batch_size_sum", "batch", "status"))
              .isGreaterThanOrEqualTo(2.0);
          assertThat(after.has("tern_throttle_queued_segments")).isTrue();
          testContext.completeNow();
        })));
  }

  @Test
  void vertxPoolsEventLoopsAndTheJvmAreThereToo(VertxTestContext testContext) {
    scrape().onComplete(testContext.succeeding(scrape -> testContext.verify(() -> {
      assertThat(scrape.matching("vertx_pool_ratio", "pool_type", "worker")).isNotEmpty();
      assertThat(scrape.matching("netty_eventexecutor_tasks_pending")).isNotEmpty();
      assertThat(scrape.matching("tern_event_loop_utilization"))
          .isNotEmpty()
          .allSatisfy(loop -> assertThat(loop.value()).isBetween(0.0, 1.0));
      assertThat(scrape.has("jvm_memory_used_bytes")).isTrue();
      assertThat(scrape.has("process_cpu_usage")).isTrue();
      // Left out for their cost: meters looked up on every hop of every message.
      assertThat(scrape.matching("vertx_eventbus_pending")).isEmpty();
      testContext.completeNow();
    })));
  }

  @Test
  void withMetricsDisabledThereIsNoEndpoint(Vertx plain, VertxTestContext testContext) {
    TestGateway.start(plain, Map.of("TERN_METRICS_ENABLED", "false"), Clock.systemUTC(), null)
        .compose(disabled -> WebClient.create(plain).get(disabled.port(), "127.0.0.1", "/metrics").send()
            .eventually(disabled::stop))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(404);
          testContext.completeNow();
        })));
  }

  private static double increase(Scrape before, Scrape after, String name, String... labels) {
    return after.value(name, labels) - before.value(name, labels);
  }

  private Future<Scrape> scrape() {
    return web.get(gateway.port(), "127.0.0.1", "/metrics").send().map(response -> {
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.getHeader("Content-Type")).startsWith("text/plain");
      return new Scrape(response.bodyAsString());
    });
  }
}
