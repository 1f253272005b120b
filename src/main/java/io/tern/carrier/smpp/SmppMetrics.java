package io.tern.carrier.smpp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.spi.metrics.MetricsProvider;
import io.vertx.micrometer.impl.MicrometerMetrics;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The SMPP connector's meters, on the Vert.x instance's Micrometer registry when it has one. */
final class SmppMetrics {
  private final MeterRegistry registry;
  private final Timer submitLatency;

  SmppMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.submitLatency = Timer.builder("tern.smpp.submit.latency")
        .description("Time from handing a submit_sm to the SMSC to its answer").register(registry);
  }

  /** The registry /metrics serves when Vert.x has Micrometer metrics, else one of its own. */
  static SmppMetrics of(Vertx vertx) {
    if (vertx instanceof MetricsProvider provider
        && provider.getMetrics() instanceof MicrometerMetrics micrometer) {
      return new SmppMetrics(micrometer.registry());
    }
    return new SmppMetrics(new SimpleMeterRegistry());
  }

  MeterRegistry registry() {
    return registry;
  }

  void gauges(Supplier<Number> bindsUp, Supplier<Number> bindsDown, Supplier<Number> bindsRefused,
      Supplier<Number> windowInUse, Supplier<Number> waiting) {
    gauge("tern.smpp.binds", "state", "up", bindsUp, "SMPP sessions by state");
    gauge("tern.smpp.binds", "state", "down", bindsDown, "SMPP sessions by state");
    gauge("tern.smpp.binds", "state", "refused", bindsRefused, "SMPP sessions by state");
    Gauge.builder("tern.smpp.window.in.use", windowInUse, n -> n.get().doubleValue())
        .description("submit_sm outstanding on all binds").register(registry);
    Gauge.builder("tern.smpp.waiting", waiting, n -> n.get().doubleValue())
        .description("Messages waiting for a bind, a window slot or the throughput limit")
        .register(registry);
  }

  /** One submit_sm answered (or not): accepted, rejected, throttled, retried, unanswered. */
  void submit(String outcome, long nanos) {
    Counter.builder("tern.smpp.submits").tag("outcome", outcome)
        .description("submit_sm PDUs by outcome").register(registry).increment();
    if (nanos > 0) {
      submitLatency.record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  /** A receipt: reported (final), intermediate (no change), unreadable, refused (handler failed). */
  void receipt(String result) {
    Counter.builder("tern.smpp.receipts").tag("result", result)
        .description("Delivery receipts received").register(registry).increment();
  }

  void inbound(String result) {
    Counter.builder("tern.smpp.inbound").tag("result", result)
        .description("Messages received from handsets").register(registry).increment();
  }

  void bindRefused(int commandStatus) {
    Counter.builder("tern.smpp.bind.refusals").tag("status", String.format("0x%02X", commandStatus))
        .description("Binds the SMSC refused").register(registry).increment();
  }

  private void gauge(String name, String tag, String value, Supplier<Number> supplier, String description) {
    Gauge.builder(name, supplier, n -> n.get().doubleValue()).tag(tag, value)
        .description(description).register(registry);
  }
}
