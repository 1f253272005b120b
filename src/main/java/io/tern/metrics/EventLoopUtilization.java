package io.tern.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * {@code tern_event_loop_utilization{loop}}: the share of the time since the previous scrape
 * that each of a Vert.x instance's event-loop threads spent on the CPU (0 idle, 1 always busy).
 * A loop near 1 is the bottleneck: requests wait in its queue however many cores are free.
 *
 * <p>Measured from the thread's CPU time (ThreadMXBean), read when the gauge is read: no timer,
 * nothing on the event loop itself. Worker pools need no gauge of their own: Vert.x reports
 * {@code vertx_pool_ratio{pool_type="worker"}} (threads in use / pool size).
 */
final class EventLoopUtilization {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final long threadId;
  private long lastCpuNanos;
  private long lastWallNanos;

  private EventLoopUtilization(long threadId) {
    this.threadId = threadId;
    this.lastCpuNanos = Math.max(0, THREADS.getThreadCpuTime(threadId));
    this.lastWallNanos = System.nanoTime();
  }

  /**
   * Registers one gauge per event loop of {@code vertx}. Each loop tells its own thread (a task
   * submitted to it), so the gauges appear once the loops have run that task; nothing waits for
   * it. Without thread CPU time in this JVM there are no gauges.
   */
  static void register(Vertx vertx, MeterRegistry registry) {
    if (!THREADS.isThreadCpuTimeSupported()) {
      return;
    }
    if (!THREADS.isThreadCpuTimeEnabled()) {
      THREADS.setThreadCpuTimeEnabled(true);
    }
    int loop = 0;
    for (EventExecutor executor : ((VertxInternal) vertx).nettyEventLoopGroup()) {
      String name = Integer.toString(loop++);
      executor.submit(() -> Thread.currentThread().getId()).addListener(threadId -> {
        if (threadId.isSuccess()) {
          Gauge.builder("tern.event.loop.utilization",
                  new EventLoopUtilization((Long) threadId.getNow()), EventLoopUtilization::sinceLastRead)
              .description("Share of the time since the last scrape this event loop spent on the CPU")
              .tag("loop", name)
              .strongReference(true)
              .register(registry);
        }
      });
    }
  }

  /** CPU time over wall time since the previous read; 0 once the thread is gone. */
  synchronized double sinceLastRead() {
    long cpu = THREADS.getThreadCpuTime(threadId);
    long wall = System.nanoTime();
    if (cpu < 0) {
      return 0;
    }
    long wallSpent = wall - lastWallNanos;
    double share = wallSpent <= 0 ? 0 : (double) (cpu - lastCpuNanos) / wallSpent;
    lastCpuNanos = cpu;
    lastWallNanos = wall;
    return Math.min(1, Math.max(0, share));
  }
}
