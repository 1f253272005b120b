package io.tern;

import io.tern.cluster.ClusteredVertx;
import io.tern.config.ConfigLoader;
import io.tern.config.TernConfig;
import io.tern.logging.Logging;
import io.tern.metrics.TernMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.BindException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the configuration, applies its log settings and starts one gateway; prints the banner,
 * and the main account's token when it is new.
 *
 * <p>Exit codes: 2 for a configuration the gateway refuses (one line naming the key, no stack
 * trace: the operator has a typo to fix, not a bug to report), 1 for any other failed start.
 */
public final class Main {
  static final int CONFIGURATION_ERROR = 2;
  static final int START_FAILED = 1;
  private static final System.Logger LOG = System.getLogger(Main.class.getName());
  /** Beyond the grace period, for closing the stores and Vert.x itself. */
  private static final long CLOSE_MARGIN_MILLIS = 5_000;

  private Main() {}

  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    TernConfig config = loadConfig(env);
    Logging.configure(config.log());
    // Vert.x's metrics are chosen when it is created, so the configuration is read first.
    Future<Vertx> created = config.cluster().enabled()
        ? ClusteredVertx.create(config)
        : Future.succeededFuture(TernMetrics.createVertx(config.metrics(), TernConfig.vertxOptions()));
    created.onFailure(failure -> {
      LOG.log(System.Logger.Level.ERROR, "Tern could not join its cluster", failure);
      System.exit(START_FAILED);
    }).onSuccess(vertx -> start(vertx, config, env));
  }

  private static void start(Vertx vertx, TernConfig config, Map<String, String> env) {
    Gateway.start(vertx, config)
        .onSuccess(gateway -> {
          StartBanner.of(gateway, config, ConfigLoader.file(env)).lines()
              .forEach(line -> LOG.log(System.Logger.Level.INFO, line));
          if (gateway.mainAccountGenerated()) {
            // Shown once, on the console of the first start only; it is never logged.
            System.out.println("Main account token: " + gateway.mainAccount().authToken()
                + "  (shown once: keep it)");
          }
          Runtime.getRuntime().addShutdownHook(
              new Thread(() -> stop(gateway, vertx, config), "tern-shutdown"));
        })
        .onFailure(failure -> {
          String refusal = refusal(failure, config);
          if (refusal != null) {
            System.err.println("Tern cannot start: " + refusal);
          } else {
            LOG.log(System.Logger.Level.ERROR, "Tern could not start", failure);
          }
          vertx.close();
          System.exit(refusal != null && !(rootCause(failure) instanceof BindException)
              ? CONFIGURATION_ERROR : START_FAILED);
        });
  }

  /** One line for a start refused for a reason the operator can fix; null for anything else. */
  static String refusal(Throwable failure, TernConfig config) {
    Throwable root = rootCause(failure);
    if (root instanceof BindException || String.valueOf(root.getMessage()).contains("Address already in use")) {
      return "port " + config.http().port() + " on " + config.http().host()
          + " is in use by another process (http.port, TERN_HTTP_PORT)";
    }
    if (failure instanceof IllegalArgumentException && String.valueOf(failure.getMessage())
        .startsWith("Invalid configuration")) {
      return failure.getMessage();
    }
    return null;
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static TernConfig loadConfig(Map<String, String> env) {
    Vertx bootstrap = Vertx.vertx();
    try {
      return ConfigLoader.load(bootstrap, env).await();
    } catch (IllegalArgumentException e) {
      System.err.println("Tern cannot start: " + e.getMessage());
      System.exit(CONFIGURATION_ERROR);
      throw e;
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "Tern could not read its configuration", e);
      System.exit(START_FAILED);
      throw e;
    } finally {
      bootstrap.close();
    }
  }

  /**
   * SIGTERM (or the end of the JVM): the graceful stop, bounded by the grace period. Written to
   * the console rather than logged: the logging backend may stop in a shutdown hook of its own,
   * which may run first and swallow these lines.
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
