package io.tern.carrier.smpp;

import io.tern.carrier.OutboundSms;
import io.tern.carrier.SubmitResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Submits per second and CPU per submit through the SMPP connector against the test SMSC, in
 * one JVM (so the CPU figure includes the SMSC's side). Not a test: {@code benchmarks/smpp.sh}
 * runs it and RESULTS.md keeps its figures.
 */
public final class SmppThroughput {
  private record Case(int binds, int window, long latencyMillis, int messages) {}

  public static void main(String[] args) throws Exception {
    List<Case> cases = List.of(new Case(1, 10, 0, 5_000), new Case(1, 10, 0, 20_000),
        new Case(4, 10, 0, 20_000), new Case(1, 1, 50, 100), new Case(1, 10, 50, 1_000),
        new Case(4, 10, 50, 4_000));
    System.out.println("| binds | window | SMSC latency | messages | submits/s | CPU ms per 1,000 submits |");
    System.out.println("|---|---|---|---|---|---|");
    for (Case c : cases) {
      System.out.println(run(c));
    }
    System.exit(0);
  }

  private static String run(Case c) throws Exception {
    Vertx vertx = Vertx.vertx();
    try (TestSmsc smsc = TestSmsc.start()) {
      smsc.otherwise(TestSmsc.Script.accept().delay(c.latencyMillis).receipt(TestSmsc.ReceiptForm.NONE));
      SmppConnector connector = vertx.executeBlocking(() -> new SmppConnector(vertx, SmppOptions.from(new JsonObject()
          .put("host", "127.0.0.1").put("port", smsc.port()).put("systemId", "bench")
          .put("binds", c.binds).put("window", c.window)))).toCompletionStage().toCompletableFuture().get();
      Thread.sleep(500);
      var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpuBefore = os.getProcessCpuTime();
      long started = System.nanoTime();
      Promise<Void> done = Promise.promise();
      AtomicInteger answered = new AtomicInteger();
      AtomicInteger accepted = new AtomicInteger();
      for (int i = 0; i < c.messages; i++) {
        connector.submit(new OutboundSms("SM" + i, "AC1", "+15005550006", "+1415555" + (1000 + i % 9000),
                "Benchmark message " + i, 1, io.tern.message.text.Encoding.GSM7, List.of()))
            .onComplete(ar -> {
              if (ar.succeeded() && ar.result().accepted()) {
                accepted.incrementAndGet();
              }
              if (answered.incrementAndGet() == c.messages) {
                done.tryComplete();
              }
            });
      }
      done.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
      double seconds = (System.nanoTime() - started) / 1e9;
      double cpuMillis = (os.getProcessCpuTime() - cpuBefore) / 1e6;
      connector.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      if (accepted.get() != c.messages) {
        throw new IllegalStateException(accepted.get() + " of " + c.messages + " accepted");
      }
      return String.format("| %d | %d | %d ms | %,d | %,.0f | %.0f |", c.binds, c.window, c.latencyMillis,
          c.messages, c.messages / seconds, cpuMillis / c.messages * 1000);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private SmppThroughput() {}
}
