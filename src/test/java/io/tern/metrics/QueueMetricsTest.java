package io.tern.metrics;

import static io.tern.testing.ApiClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.Gateway;
import io.tern.message.Sids;
import io.tern.store.PhoneNumber;
import io.tern.testing.Eventually;
import io.tern.testing.GatewayApiTest;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The throttle's queue gauges on a running gateway: per shard, and per sender for the deepest
 * one only ({@code metrics.topSenders: 1}). US long codes run at 0.01 segments per second, so
 * after each sender's first message everything stays queued and the gauges settle on exact
 * values.
 */
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class QueueMetricsTest extends GatewayApiTest {
  private static final String DEEP = "+14155550300";
  private static final String SHALLOW = "+14155550301";
  private static final String RECIPIENT = "+14155550123";

  @Override
  protected Future<Gateway> startGateway(Vertx vertx) {
    return TestGateway.start(vertx, Map.of(
        "TERN_THROTTLE_RATES_US_CA_LONG_CODE", "0.01",
        "TERN_METRICS_TOP_SENDERS", "1"), Clock.systemUTC(), null);
  }

  @Override
  protected Future<?> prepare() {
    Instant now = Instant.now();
    return Future.all(number(DEEP, now), number(SHALLOW, now));
  }

  private Future<?> number(String value, Instant now) {
    return gateway.components().accounts().addPhoneNumber(new PhoneNumber(
        Sids.generate(Sids.PHONE_NUMBER), main.sid(), value, null, null, null, null, now, now));
  }

  private Future<Void> send(String from, int count) {
    String messages = "/2010-04-01/Accounts/" + main.sid() + "/Messages.json";
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < count; i++) {
      chain = chain.compose(sent -> api.post(messages, form("To", RECIPIENT, "From", from, "Body", "hi"))
          .map(created -> {
            assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
            return null;
          }));
    }
    return chain;
  }

  private Future<Scrape> scrape() {
    return api.get("/metrics").map(response -> new Scrape(response.bodyAsString()));
  }

  private static List<String> senders(Scrape scrape) {
    return scrape.matching("tern_throttle_sender_queued_messages").stream()
        .map(sample -> sample.labels().get("sender"))
        .toList();
  }

  @Test
  void theShardsCountWhatWaitsAndOnlyTheDeepestSenderHasSeries(VertxTestContext testContext) {
    // Each sender's first message goes out at once; the rest wait 100 s per segment.
    send(DEEP, 4)
        .compose(sent -> send(SHALLOW, 2))
        .compose(sent -> Eventually.poll(gateway.vertx(), this::scrape,
            scrape -> scrape.value("tern_throttle_queued_messages") == 3 + 1
                && senders(scrape).equals(List.of(DEEP)), 10_000))
        .onComplete(testContext.succeeding(scrape -> testContext.verify(() -> {
          assertThat(scrape.value("tern_throttle_queued_segments")).isEqualTo(4.0);
          assertThat(scrape.value("tern_throttle_sender_queued_segments", "sender", DEEP)).isEqualTo(3.0);
          assertThat(scrape.value("tern_throttle_sender_drain_seconds", "sender", DEEP)).isEqualTo(300.0);
          assertThat(scrape.matching("tern_throttle_sender_queued_segments")).hasSize(1);
          // A gauge per shard, whichever shards the two senders hash to.
          assertThat(IntStream.range(0, gateway.components().config().throttle().shards())
              .mapToObj(shard -> scrape.matching("tern_throttle_queued_messages", "shard",
                  Integer.toString(shard)))
              .allMatch(samples -> samples.size() == 1)).isTrue();
          testContext.completeNow();
        })));
  }
}
