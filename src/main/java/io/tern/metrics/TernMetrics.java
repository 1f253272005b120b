package io.tern.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tern.message.Message;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.metrics.MetricsProvider;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.impl.MicrometerMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Tern's own meters, on the Micrometer registry that Vert.x's metrics use, so one scrape of
 * {@code /metrics} shows both. Every tag has a small, fixed set of values (Twilio error codes,
 * statuses, shard numbers, route templates): never a sid or a URL. The one tag naming a
 * sender (a number, short code or alphanumeric ID) is on the per-sender queue gauges, kept to
 * the {@code metrics.topSenders} deepest queues so the series stay bounded.
 *
 * <p>Meter names as Prometheus shows them:
 * <ul>
 *   <li>{@code tern_messages_accepted_total}: creations answered 201 with a new message
 *   <li>{@code tern_messages_rejected_total{code}}: creations refused, by Twilio error code
 *   <li>{@code tern_throttle_queued_segments{shard}}, {@code tern_throttle_queued_messages{shard}}:
 *       segments and messages waiting, in memory and in the store, sampled every second
 *   <li>{@code tern_throttle_sender_queued_messages{sender}},
 *       {@code tern_throttle_sender_queued_segments{sender}},
 *       {@code tern_throttle_sender_drain_seconds{sender}}: the same for the deepest senders of
 *       this gateway's shards only, at most {@code metrics.topSenders} of them; a sender that
 *       drops out of the top loses its series
 *   <li>{@code tern_throttle_dispatched_total{shard}}, {@code tern_throttle_dispatched_segments_total{shard}}:
 *       messages and segments released to the carrier (their rate is the dispatch rate)
 *   <li>{@code tern_carrier_outcomes_total{status,code}}: sent, delivered, undelivered and
 *       failed as applied to messages; code is the error code or {@code none}
 *   <li>{@code tern_store_batch_size{batch}}, {@code tern_store_batch_seconds{batch}}: rows per
 *       batched write and its latency; batch is {@code insert} or {@code status}
 *   <li>{@code tern_callback_attempts_total{outcome}}, {@code tern_callback_latency_seconds{outcome}},
 *       {@code tern_callback_failures_total}: status callback deliveries
 *   <li>{@code tern_event_loop_utilization{loop}}: share of the time each event loop spends on
 *       the CPU ({@link EventLoopUtilization})
 *   <li>{@code tern_cluster_owned_shards}, {@code tern_cluster_singletons}: in a cluster, the
 *       throttle shards this pod owns, and 1 when it runs the scheduled release and the
 *       callback sender
 * </ul>
 */
public final class TernMetrics {
  /** Callback outcomes kept as tag values; anything else is counted as {@code other}. */
  public static final Set<String> CALLBACK_OUTCOMES =
      Set.of("delivered", "rejected", "error", "refused", "other");
  private static final Duration[] BATCH_LATENCY_BUCKETS = {
      Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1)};
  private static final double[] BATCH_SIZE_BUCKETS = {1, 8, 32, 128, 512};

  private final MeterRegistry registry;
  private final PrometheusMeterRegistry prometheus;
  private final Counter accepted;
  private final Map<Integer, Counter> rejected = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicLong> queuedSegments = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicLong> queuedMessages = new ConcurrentHashMap<>();
  private final int topSenders;
  // Guarded by this: each shard's deepest senders as last sampled, and the gauges of the top.
  private final Map<Integer, List<SenderDepth>> deepestByShard = new HashMap<>();
  private final Map<String, SenderGauges> senderGauges = new HashMap<>();
  private final Map<Integer, Counter[]> dispatched = new ConcurrentHashMap<>();
  private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
  private final Map<String, Counter> callbackAttempts = new ConcurrentHashMap<>();
  private final Map<String, Timer> callbackLatency = new ConcurrentHashMap<>();
  private final Counter callbackFailures;
  private final BatchMeter insertBatches;
  private final BatchMeter statusBatches;
  private final AtomicLong ownedShards = new AtomicLong();
  private final AtomicLong singletons = new AtomicLong();

  private TernMetrics(MeterRegistry registry, int topSenders) {
    this.registry = registry;
    this.topSenders = topSenders;
    this.prometheus = registry instanceof PrometheusMeterRegistry scraped ? scraped : null;
    this.accepted = Counter.builder("tern.messages.accepted")
        .description("Messages created: answered 201 with a new message").register(registry);
    this.callbackFailures = Counter.builder("tern.callback.failures")
        .description("Status callback attempts that were not answered 2xx").register(registry);
    this.insertBatches = batchMeter("insert");
    this.statusBatches = batchMeter("status");
  }

  /** The cluster's gauges, registered only for a clustered gateway. */
  public void clustered() {
    Gauge.builder("tern.cluster.owned.shards", ownedShards, AtomicLong::get)
        .description("Throttle shards this pod owns").register(registry);
    Gauge.builder("tern.cluster.singletons", singletons, AtomicLong::get)
        .description("1 when this pod runs the scheduled release and the callback sender")
        .register(registry);
  }

  public void ownedShards(int shards) {
    ownedShards.set(shards);
  }

  public void singletons(boolean held) {
    singletons.set(held ? 1 : 0);
  }

  /** Meters that record nothing (Micrometer's no-op meters): metrics.enabled is false. */
  public static TernMetrics disabled() {
    return new TernMetrics(new CompositeMeterRegistry(), 0);
  }

  /**
   * Tern's meters for a gateway on {@code vertx}: on the Prometheus registry of Vert.x's
   * Micrometer metrics when it has them ({@link #createVertx}), else on a registry of their own
   * (a Vert.x without metrics, as in most tests: Tern's meters only).
   */
  public static TernMetrics of(Vertx vertx, MetricsOptions config) {
    if (!config.enabled()) {
      return disabled();
    }
    TernMetrics metrics = new TernMetrics(prometheusOf(vertx).orElseGet(TernMetrics::newRegistry),
        config.topSenders());
    EventLoopUtilization.register(vertx, metrics.registry);
    return metrics;
  }

  /**
   * A Vert.x instance whose own metrics (HTTP server and client requests, HTTP server requests
   * by route and status, worker pools, event-bus addresses, Netty event loops' pending tasks,
   * JVM memory, GC, threads and CPU) go to a Prometheus registry of its own; without
   * metrics when they are disabled.
   *
   * @param options the rest of Vert.x's options (the gateway's are {@code TernConfig.vertxOptions()})
   */
  public static Vertx createVertx(MetricsOptions config, VertxOptions options) {
    return builder(config, options).build();
  }

  /**
   * As {@link #createVertx}, left to build: a clustered gateway adds its cluster manager.
   *
   * @param options options of the caller's (the cluster's event bus), which get the metrics'
   */
  public static VertxBuilder builder(MetricsOptions config, VertxOptions vertxOptions) {
    if (!config.enabled()) {
      return Vertx.builder().with(vertxOptions);
    }
    PrometheusMeterRegistry registry = newRegistry();
    // HTTP client pools are named after the server they reach (media hosts, callback hosts):
    // one series per customer host. The client's requests are counted without it.
    registry.config().meterFilter(MeterFilter.deny(id ->
        id.getName().matches("vertx[._]pool[._].*") && "http".equals(id.getTag(Label.POOL_TYPE.toString()))));
    MicrometerMetricsOptions options = new MicrometerMetricsOptions()
        .setEnabled(true)
        // One registry per Vert.x instance: several gateways in one JVM (tests) keep apart.
        .setRegistryName("tern-" + UUID.randomUUID())
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
        .setJvmMetricsEnabled(true)
        .setNettyMetricsEnabled(true)
        // Event-bus meters are looked up on every hop of every message (several per message,
        // each a tag merge and a registry look-up): 11-20% of the gateway's CPU per message
        // under load. The queues they would show have meters of their own
        // (tern_status_pending_changes, tern_throttle_queued_*), so the event bus is left out.
        .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
        // No HTTP_PATH (it holds sids) and no REMOTE/LOCAL (addresses): bounded labels only.
        .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE,
            Label.POOL_TYPE, Label.POOL_NAME));
    // The HTTP server's request meters are Tern's own (RequestMeters), same names and labels:
    // Vert.x's look six meters up per request. The route label is the resource's template.
    MicrometerMetricsFactory micrometer = new MicrometerMetricsFactory(registry);
    return Vertx.builder()
        .with(vertxOptions.setMetricsOptions(options))
        .withMetrics(withOptions -> new VertxMetricsWithRequestMeters(
            micrometer.metrics(withOptions), options.getMetricsNaming()));
  }

  /** The Prometheus registry behind Vert.x's Micrometer metrics, as MetricsService finds it. */
  private static Optional<PrometheusMeterRegistry> prometheusOf(Vertx vertx) {
    if (vertx instanceof MetricsProvider provider
        && provider.getMetrics() instanceof MicrometerMetrics micrometer
        && micrometer.registry() instanceof PrometheusMeterRegistry prometheus) {
      return Optional.of(prometheus);
    }
    return Optional.empty();
  }

  private static PrometheusMeterRegistry newRegistry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The registry {@code /metrics} renders; empty when metrics are disabled. */
  public Optional<PrometheusMeterRegistry> prometheus() {
    return Optional.ofNullable(prometheus);
  }

  public boolean enabled() {
    return prometheus != null;
  }

  // Ingress

  public void messageAccepted() {
    accepted.increment();
  }

  /** @param code the Twilio error code the creation was answered with */
  public void messageRejected(int code) {
    rejected.computeIfAbsent(code, c -> Counter.builder("tern.messages.rejected")
        .description("Message creations refused, by Twilio error code")
        .tag("code", Integer.toString(c))
        .register(registry)).increment();
  }

  // Throttle

  /** The shard's queued segments, as last sampled by the shard itself. */
  public void queuedSegments(int shard, long segments) {
    shardGauge(queuedSegments, shard, "tern.throttle.queued.segments",
        "Segments queued behind the shard's senders, in memory and in the store").set(segments);
  }

  /** The shard's gauge in {@code gauges}, registered on first use. */
  private AtomicLong shardGauge(Map<Integer, AtomicLong> gauges, int shard, String name,
      String description) {
    return gauges.computeIfAbsent(shard, s -> {
      AtomicLong value = new AtomicLong();
      Gauge.builder(name, value, AtomicLong::get)
          .description(description)
          .tag("shard", Integer.toString(s))
          .register(registry);
      return value;
    });
  }

  /**
   * A shard's queue as its owner last sampled it: the shard's gauges, and its deepest senders,
   * of which the {@code metrics.topSenders} deepest across this gateway's shards keep gauges of
   * their own. A shard handed back reports {@code 0, 0} and no senders.
   *
   * @param deepest the shard's deepest senders, at least the top ones
   */
  public void shardQueue(int shard, long messages, long segments, List<SenderDepth> deepest) {
    queuedSegments(shard, segments);
    shardGauge(queuedMessages, shard, "tern.throttle.queued.messages",
        "Messages queued behind the shard's senders, in memory and in the store").set(messages);
    if (topSenders > 0) {
      deepestSenders(shard, deepest);
    }
  }

  /** Keeps gauges for the deepest senders across shards and removes those of the rest. */
  private synchronized void deepestSenders(int shard, List<SenderDepth> deepest) {
    if (deepest.isEmpty()) {
      deepestByShard.remove(shard);
    } else {
      deepestByShard.put(shard, List.copyOf(deepest));
    }
    List<SenderDepth> top = deepestByShard.values().stream()
        .flatMap(List::stream)
        .sorted(SenderDepth.DEEPEST_FIRST)
        .limit(topSenders)
        .toList();
    Set<String> kept = top.stream().map(SenderDepth::sender).collect(Collectors.toSet());
    senderGauges.entrySet().removeIf(entry -> {
      if (kept.contains(entry.getKey())) {
        return false;
      }
      entry.getValue().meters.forEach(registry::remove);
      return true;
    });
    for (SenderDepth sender : top) {
      senderGauges.computeIfAbsent(sender.sender(), key -> senderGauges(sender)).latest = sender;
    }
  }

  /** One top sender's gauges, reading the latest sample. */
  private static final class SenderGauges {
    volatile SenderDepth latest;
    final List<Meter> meters = new ArrayList<>(3);

    SenderGauges(SenderDepth first) {
      latest = first;
    }
  }

  private SenderGauges senderGauges(SenderDepth first) {
    String sender = first.sender();
    SenderGauges gauges = new SenderGauges(first);
    gauges.meters.add(Gauge.builder("tern.throttle.sender.queued.messages", gauges,
            g -> g.latest.messages())
        .description("Messages queued behind one of the deepest senders, in memory and in the store")
        .tag("sender", sender)
        .register(registry));
    gauges.meters.add(Gauge.builder("tern.throttle.sender.queued.segments", gauges,
            g -> g.latest.segments())
        .description("Segments queued behind one of the deepest senders, in memory and in the store")
        .tag("sender", sender)
        .register(registry));
    gauges.meters.add(Gauge.builder("tern.throttle.sender.drain.seconds", gauges,
            g -> g.latest.drainSeconds())
        .description("Seconds the sender's rate needs to let its queued segments through")
        .tag("sender", sender)
        .register(registry));
    return gauges;
  }

  public void dispatched(int shard, int messages, long segments) {
    Counter[] counters = dispatched.computeIfAbsent(shard, s -> new Counter[] {
        Counter.builder("tern.throttle.dispatched")
            .description("Messages released to the carrier").tag("shard", Integer.toString(s))
            .register(registry),
        Counter.builder("tern.throttle.dispatched.segments")
            .description("Segments released to the carrier").tag("shard", Integer.toString(s))
            .register(registry)});
    counters[0].increment(messages);
    counters[1].increment(segments);
  }

  // Carrier

  /** Counts a status change applied to a message, when it is one the carrier decides. */
  private void statusApplied(Message message) {
    String status = switch (message.status()) {
      case SENT, DELIVERED, UNDELIVERED, FAILED -> message.status().wire();
      default -> null;
    };
    if (status == null) {
      return;
    }
    String code = message.errorCode() == null ? "none" : Integer.toString(message.errorCode());
    outcomes.computeIfAbsent(status + "/" + code, key -> Counter.builder("tern.carrier.outcomes")
        .description("Messages sent, delivered, undelivered or failed, by error code")
        .tag("status", status)
        .tag("code", code)
        .register(registry)).increment();
  }

  // Store

  /** Batched message inserts ({@code tern_store_batch_*{batch="insert"}}). */
  public BatchMeter insertBatches() {
    return insertBatches;
  }

  /** Batched status writes ({@code tern_store_batch_*{batch="status"}}). */
  public BatchMeter statusBatches() {
    return statusBatches;
  }

  /**
   * The status writer's backlog ({@code tern_status_pending_changes}) and what it retried,
   * refused or could not apply ({@code tern_status_retried_changes_total},
   * {@code tern_status_refused_changes_total}, {@code tern_status_rejected_changes_total}).
   */
  public StatusWriteMeter statusWrites() {
    Counter retried = Counter.builder("tern.status.retried.changes")
        .description("Status changes written again after the store could not commit them")
        .register(registry);
    Counter refused = Counter.builder("tern.status.refused.changes")
        .description("Status changes refused because the writer held its bound of uncommitted ones")
        .register(registry);
    Counter rejected = Counter.builder("tern.status.rejected.changes")
        .description("Status changes the store rejected (not an outage): logged, not retried")
        .register(registry);
    return new StatusWriteMeter() {
      @Override
      public void applied(Message message) {
        statusApplied(message);
      }

      @Override
      public void pending(LongSupplier waiting) {
        Gauge.builder("tern.status.pending.changes", waiting, LongSupplier::getAsLong)
            .description("Status changes handed to the status writer and not yet committed")
            .register(registry);
      }

      @Override
      public void retried(int changes) {
        retried.increment(changes);
      }

      @Override
      public void refused() {
        refused.increment();
      }

      @Override
      public void rejected() {
        rejected.increment();
      }
    };
  }

  private BatchMeter batchMeter(String batch) {
    DistributionSummary sizes = DistributionSummary.builder("tern.store.batch.size")
        .description("Rows written per batch")
        .tag("batch", batch)
        .serviceLevelObjectives(BATCH_SIZE_BUCKETS)
        .register(registry);
    Timer latency = Timer.builder("tern.store.batch")
        .description("Time to write one batch, from sending it to its answer")
        .tag("batch", batch)
        .serviceLevelObjectives(BATCH_LATENCY_BUCKETS)
        .register(registry);
    return (size, nanos) -> {
      sizes.record(size);
      latency.record(nanos, TimeUnit.NANOSECONDS);
    };
  }

  // Callbacks

  /**
   * One status callback delivery attempt, for the callback sender.
   *
   * @param outcome {@code delivered} (answered 2xx), {@code rejected} (answered otherwise),
   *     {@code error} (no answer: connection failure or timeout) or {@code refused} (the
   *     outbound rules refused the URL); any other value is counted as {@code other}
   * @param durationNanos from sending the request to its answer or failure
   */
  public void callbackAttempt(String outcome, long durationNanos) {
    String tag = CALLBACK_OUTCOMES.contains(outcome) ? outcome : "other";
    callbackAttempts.computeIfAbsent(tag, t -> Counter.builder("tern.callback.attempts")
        .description("Status callback delivery attempts, by outcome")
        .tag("outcome", t)
        .register(registry)).increment();
    callbackLatency.computeIfAbsent(tag, t -> Timer.builder("tern.callback.latency")
        .description("Time from sending a status callback to its answer or failure")
        .tag("outcome", t)
        .register(registry)).record(durationNanos, TimeUnit.NANOSECONDS);
    if (!tag.equals("delivered")) {
      callbackFailures.increment();
    }
  }
}
