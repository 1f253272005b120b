package io.tern.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.util.concurrent.EventExecutor;
import io.tern.config.TernConfig;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tern's meters as Prometheus shows them, recorded directly. */
class TernMetricsTest {
  Vertx vertx;
  TernMetrics metrics;

  @BeforeEach
  void plainVertx() {
    vertx = Vertx.vertx();
    // A Vert.x without metrics: Tern's meters still have a registry of their own.
    metrics = TernMetrics.of(vertx, new MetricsOptions(true));
  }

  @AfterEach
  void close() {
    vertx.close();
  }

  private Scrape scrape() {
    return new Scrape(metrics.prometheus().orElseThrow().scrape());
  }

  @Test
  void dispatchesCountMessagesAndSegmentsPerShard() {
    metrics.dispatched(3, 2, 5);
    metrics.dispatched(3, 1, 1);
    metrics.dispatched(0, 1, 2);

    Scrape scrape = scrape();
    assertThat(scrape.value("tern_throttle_dispatched_total", "shard", "3")).isEqualTo(3.0);
    assertThat(scrape.value("tern_throttle_dispatched_segments_total", "shard", "3")).isEqualTo(6.0);
    assertThat(scrape.value("tern_throttle_dispatched_segments_total", "shard", "0")).isEqualTo(2.0);
  }

  @Test
  void queuedSegmentsShowTheLastSampleOfEachShard() {
    metrics.queuedSegments(1, 40);
    metrics.queuedSegments(1, 12);

    assertThat(scrape().value("tern_throttle_queued_segments", "shard", "1")).isEqualTo(12.0);
  }

  @Test
  void shardQueuesShowMessagesAndSegmentsPerShard() {
    metrics.shardQueue(2, 5, 9, List.of());
    metrics.shardQueue(2, 4, 6, List.of());
    metrics.shardQueue(5, 1, 1, List.of());

    Scrape scrape = scrape();
    assertThat(scrape.value("tern_throttle_queued_messages", "shard", "2")).isEqualTo(4.0);
    assertThat(scrape.value("tern_throttle_queued_segments", "shard", "2")).isEqualTo(6.0);
    assertThat(scrape.value("tern_throttle_queued_messages", "shard", "5")).isEqualTo(1.0);
  }

  @Test
  void onlyTheDeepestSendersAcrossShardsKeepSeriesAndTheOthersLoseTheirs() {
    TernMetrics topTwo = TernMetrics.of(vertx, new MetricsOptions(true, 2));
    Scrape scrape;

    topTwo.shardQueue(0, 15, 30, List.of(depth("+14155550100", 10, 20), depth("+14155550101", 5, 10)));
    topTwo.shardQueue(1, 7, 14, List.of(depth("AC1:Brand", 7, 14)));
    scrape = new Scrape(topTwo.prometheus().orElseThrow().scrape());
    assertThat(senders(scrape)).containsExactlyInAnyOrder("+14155550100", "AC1:Brand");
    assertThat(scrape.value("tern_throttle_sender_queued_messages", "sender", "+14155550100")).isEqualTo(10.0);
    assertThat(scrape.value("tern_throttle_sender_queued_segments", "sender", "AC1:Brand")).isEqualTo(14.0);
    assertThat(scrape.value("tern_throttle_sender_drain_seconds", "sender", "AC1:Brand")).isEqualTo(1.4);

    // Brand drains below +14155550101, which takes its place; the new values show.
    topTwo.shardQueue(1, 1, 2, List.of(depth("AC1:Brand", 1, 2)));
    topTwo.shardQueue(0, 16, 31, List.of(depth("+14155550100", 11, 21), depth("+14155550101", 5, 10)));
    scrape = new Scrape(topTwo.prometheus().orElseThrow().scrape());
    assertThat(senders(scrape)).containsExactlyInAnyOrder("+14155550100", "+14155550101");
    assertThat(scrape.value("tern_throttle_sender_queued_messages", "sender", "+14155550100")).isEqualTo(11.0);
    assertThat(scrape.matching("tern_throttle_sender_queued_segments")).hasSize(2);
    assertThat(scrape.matching("tern_throttle_sender_drain_seconds")).hasSize(2);

    // Shard 0 handed back: only shard 1's sender is left.
    topTwo.shardQueue(0, 0, 0, List.of());
    scrape = new Scrape(topTwo.prometheus().orElseThrow().scrape());
    assertThat(senders(scrape)).containsExactly("AC1:Brand");
  }

  @Test
  void noSenderSeriesWhenTopSendersIsZero() {
    TernMetrics none = TernMetrics.of(vertx, new MetricsOptions(true, 0));
    none.shardQueue(0, 3, 3, List.of(depth("+14155550100", 3, 3)));

    Scrape scrape = new Scrape(none.prometheus().orElseThrow().scrape());
    assertThat(scrape.value("tern_throttle_queued_messages", "shard", "0")).isEqualTo(3.0);
    assertThat(scrape.has("tern_throttle_sender_queued_messages")).isFalse();
  }

  @Test
  void aNegativeTopSendersIsRefusedByName() {
    assertThatThrownBy(() -> MetricsOptions.fromJson(new JsonObject().put("topSenders", -1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("metrics.topSenders");
    assertThat(MetricsOptions.fromJson(null).topSenders()).isEqualTo(MetricsOptions.DEFAULT_TOP_SENDERS);
  }

  private static SenderDepth depth(String sender, long messages, long segments) {
    return new SenderDepth(sender, messages, segments, segments / 10.0);
  }

  private static List<String> senders(Scrape scrape) {
    return scrape.matching("tern_throttle_sender_queued_messages").stream()
        .map(sample -> sample.labels().get("sender"))
        .toList();
  }

  @Test
  void callbackAttemptsKeepTheirOutcomeTagsBoundedAndCountFailures() {
    metrics.callbackAttempt("delivered", TimeUnit.MILLISECONDS.toNanos(30));
    metrics.callbackAttempt("rejected", TimeUnit.MILLISECONDS.toNanos(10));
    metrics.callbackAttempt("https://app.example.com/status", 1_000);

    Scrape scrape = scrape();
    assertThat(scrape.value("tern_callback_attempts_total", "outcome", "delivered")).isEqualTo(1.0);
    assertThat(scrape.value("tern_callback_attempts_total", "outcome", "rejected")).isEqualTo(1.0);
    assertThat(scrape.value("tern_callback_attempts_total", "outcome", "other")).isEqualTo(1.0);
    assertThat(scrape.matching("tern_callback_attempts_total")).hasSize(3);
    assertThat(scrape.value("tern_callback_failures_total")).isEqualTo(2.0);
    assertThat(scrape.value("tern_callback_latency_seconds_sum", "outcome", "delivered")).isEqualTo(0.03);
  }

  @Test
  void batchesRecordTheirSizeAndLatency() {
    metrics.insertBatches().record(100, TimeUnit.MILLISECONDS.toNanos(4));
    metrics.insertBatches().record(28, TimeUnit.MILLISECONDS.toNanos(2));

    Scrape scrape = scrape();
    assertThat(scrape.value("tern_store_batch_size_count", "batch", "insert")).isEqualTo(2.0);
    assertThat(scrape.value("tern_store_batch_size_sum", "batch", "insert")).isEqualTo(128.0);
    assertThat(scrape.value("tern_store_batch_seconds_bucket", "batch", "insert", "le", "0.005")).isEqualTo(2.0);
    assertThat(scrape.value("tern_store_batch_seconds_count", "batch", "status")).isZero();
  }

  @Test
  void theEventLoopThatComputesShowsMoreUseThanAnIdleOne() throws Exception {
    List<EventExecutor> loops = new ArrayList<>();
    ((VertxInternal) vertx).nettyEventLoopGroup().forEach(loops::add);
    // Each loop registers its gauge from a task of its own; a task queued after it runs after it.
    for (EventExecutor loop : loops) {
      loop.submit(() -> { }).get(5, TimeUnit.SECONDS);
    }
    assertThat(scrape().matching("tern_event_loop_utilization")).hasSize(loops.size());

    loops.get(0).submit(TernMetricsTest::spinForAQuarterSecond).get(5, TimeUnit.SECONDS);
    Scrape afterSpin = scrape();

    double busy = afterSpin.value("tern_event_loop_utilization", "loop", "0");
    double idle = afterSpin.value("tern_event_loop_utilization", "loop", "1");
    assertThat(busy).isGreaterThan(idle).isLessThanOrEqualTo(1.0);
    assertThat(idle).isGreaterThanOrEqualTo(0.0);
  }

  private static void spinForAQuarterSecond() {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(250);
    long sink = 0;
    while (System.nanoTime() < until) {
      sink += sink * 31 + 7;
    }
    if (sink == 42) {
      System.out.println("unlikely");
    }
  }

  @Test
  void disabledMetricsRecordNothingAndOfferNoScrape() {
    TernMetrics disabled = TernMetrics.of(vertx, new MetricsOptions(false));
    disabled.messageAccepted();
    disabled.callbackAttempt("delivered", 1);

    assertThat(disabled.enabled()).isFalse();
    assertThat(disabled.prometheus()).isEmpty();
  }
}
