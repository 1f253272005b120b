package io.tern.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.EventExecutor;
import io.tern.config.TernConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Event-loop utilisation as Prometheus shows it: a busy loop stands out from an idle one. */
class EventLoopUtilizationTest {
  private static final String GAUGE = "tern_event_loop_utilization";

  Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
  TernMetrics metrics = TernMetrics.of(vertx, new TernConfig.Metrics(true));

  @AfterEach
  void close() {
    vertx.close();
  }

  private Scrape scrape() {
    return new Scrape(metrics.prometheus().orElseThrow().scrape());
  }

  @Test
  void theLoopThatComputesShowsMoreUseThanTheIdleOne() throws Exception {
    Iterator<EventExecutor> loops = ((VertxInternal) vertx).nettyEventLoopGroup().iterator();
    EventExecutor first = loops.next();
    EventExecutor second = loops.next();
    // Each loop registers its gauge from a task of its own; a task queued after it runs after it.
    first.submit(() -> { }).get(5, TimeUnit.SECONDS);
    second.submit(() -> { }).get(5, TimeUnit.SECONDS);
    assertThat(scrape().matching(GAUGE)).hasSize(2);

    first.submit(EventLoopUtilizationTest::spinForAQuarterSecond).get(5, TimeUnit.SECONDS);
    Scrape afterSpin = scrape();

    double busy = afterSpin.value(GAUGE, "loop", "0");
    double idle = afterSpin.value(GAUGE, "loop", "1");
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
}
