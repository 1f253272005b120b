package io.tern;

import io.tern.cluster.ClusteredVertx;
import io.tern.config.ConfigLoader;
import io.tern.config.TernConfig;
import io.tern.metrics.TernMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Reads the configuration and starts one gateway; prints the main account when it is new. */
public final class Main {
  private static final System.Logger LOG = System.getLogger(Main.class.getName());
  /** Beyond the grace period, for closing the stores and Vert.x itself. */
  private static final long CLOSE_MARGIN_MILLIS = 5_000;

  private Main() {}

  public static void main(String[] args) {
    TernConfig config = loadConfig();
    // Vert.x's metrics are chosen when it is created, so the configuration is read first.
    Future<Vertx> created = config.cluster().enabled()
        ? ClusteredVertx.create(config)
        : Future.succeededFuture(TernMetrics.createVertx(config.metrics()));
    created.onFailure(failure -> {
      LOG.log(System.Logger.Level.ERROR, "Tern could not join its cluster", failure);
      System.exit(1);
    }).onSuccess(vertx -> start(vertx, config));
  }

  private static void start(Vertx vertx, TernConfig config) {
    Gateway.start(vertx, config)
        .onSuccess(gateway -> {
          System.out.println("Tern is listening on port " + gateway.port());
          System.out.println("Main account sid:   " + gateway.mainAccount().sid());
          if (gateway.mainAccountGenerated()) {
            // Shown once, on the console of the first start only; it is never logged.
            System.out.println("Main account token: " + gateway.mainAccount().authToken());
          } else {
            System.out.println("Main account token: (as configured or stored; not shown)");
          }
          Runtime.getRuntime().addShutdownHook(
              new Thread(() -> stop(gateway, vertx, config), "tern-shutdown"));
        })
        .onFailure(failure -> {
          LOG.log(System.Logger.Level.ERROR, "Tern could not start", failure);
          vertx.close();
          System.exit(1);
        });
  }

  private static TernConfig loadConfig() {
    Vertx bootstrap = Vertx.vertx();
    try {
      return ConfigLoader.load(bootstrap, System.getenv()).await();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "Tern could not read its configuration", e);
      System.exit(1);
      throw e;
    } finally {
      bootstrap.close();
    }
  }

  /**
   * SIGTERM (or the end of the JVM): the graceful stop, bounded by the grace period. Written to
   * the console rather than logged: java.util.logging resets itself in a shutdown hook of its
   * own, which may run first and swallow these lines.
   */
  private static void stop(Gateway gateway, Vertx vertx, TernConfig config) {
    System.err.println("Tern is stopping: not ready, finishing requests in flight");
    long bound = config.shutdown().gracePeriodMillis() + CLOSE_MARGIN_MILLIS;
    try {
      gateway.stop().toCompletionStage().toCompletableFuture().get(bound, TimeUnit.MILLISECONDS);
      List<String> left = gateway.stillDeployed();
      System.err.println(left.isEmpty() ? "Tern stopped"
          : "Tern stopped after its grace period of " + config.shutdown().gracePeriodMillis()
              + " ms with these still running: " + left + " (queued messages stay in the store;"
              + " messages left sending are requeued at the next start)");
      // Closing Vert.x leaves the cluster, last: the shards are handed back already.
      vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_MARGIN_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      System.err.println("Tern did not stop within " + bound + " ms; exiting anyway");
    } catch (Exception e) {
      System.err.println("Tern's stop failed; exiting anyway: " + e);
    }
  }
}
