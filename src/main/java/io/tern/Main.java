package io.tern;

import io.tern.config.ConfigLoader;
import io.vertx.core.Vertx;

/** Reads the configuration and starts one gateway; prints the main account when it is new. */
public final class Main {
  private static final System.Logger LOG = System.getLogger(Main.class.getName());

  private Main() {}

  public static void main(String[] args) {
    Vertx vertx = Vertx.vertx();
    ConfigLoader.load(vertx, System.getenv())
        .compose(config -> Gateway.start(vertx, config))
        .onSuccess(gateway -> {
          System.out.println("Tern is listening on port " + gateway.port());
          System.out.println("Main account sid:   " + gateway.mainAccount().sid());
          if (gateway.mainAccountGenerated()) {
            // Shown once, on the console of the first start only; it is never logged.
            System.out.println("Main account token: " + gateway.mainAccount().authToken());
          } else {
            System.out.println("Main account token: (as configured or stored; not shown)");
          }
          Runtime.getRuntime().addShutdownHook(new Thread(() ->
              gateway.stop().eventually(vertx::close).await()));
        })
        .onFailure(failure -> {
          LOG.log(System.Logger.Level.ERROR, "Tern could not start", failure);
          vertx.close();
          System.exit(1);
        });
  }
}
