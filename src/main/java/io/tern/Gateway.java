package io.tern;

import io.tern.account.MainAccount;
import io.tern.api.ApiError;
import io.tern.bus.LocalCodec;
import io.tern.store.Message;
import io.tern.validation.CreateMessageRequest;
import io.tern.api.IngressVerticle;
import io.tern.config.TernConfig;
import io.tern.store.Account;
import io.tern.store.memory.InMemoryAccountRegistry;
import io.tern.store.memory.InMemoryMessageStore;
import io.tern.store.pg.PgStores;
import io.tern.throttle.ThrottleVerticle;
import io.tern.validation.ValidationVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One running gateway: its stores, its main account and its verticles. {@link Main} starts one
 * for the command line; tests start one per class on a free port.
 */
public final class Gateway {
  private final Vertx vertx;
  private final Components components;
  private final Account mainAccount;
  private final boolean mainAccountGenerated;
  private final int port;
  private final List<String> deploymentIds;
  private final Runnable closeStores;

  private Gateway(Vertx vertx, Components components, MainAccount.Outcome main, int port,
      List<String> deploymentIds, Runnable closeStores) {
    this.deploymentIds = deploymentIds;
    this.vertx = vertx;
    this.components = components;
    this.mainAccount = main.account();
    this.mainAccountGenerated = main.generated();
    this.port = port;
    this.closeStores = closeStores;
  }

  public static Future<Gateway> start(Vertx vertx, TernConfig config) {
    return start(vertx, config, Clock.systemUTC());
  }

  public static Future<Gateway> start(Vertx vertx, TernConfig config, Clock clock) {
    LocalCodec.register(vertx, CreateMessageRequest.class, Message.class, ApiError.class);
    return openStores(vertx, config, clock).compose(opened -> {
      Components components = opened.components();
      return MainAccount.ensure(components.accounts(), config, clock)
          .compose(main -> {
            List<String> deploymentIds = new CopyOnWriteArrayList<>();
            return deployVerticles(vertx, components, deploymentIds)
                .map(port -> new Gateway(vertx, components, main, port, deploymentIds, opened.close()));
          });
    });
  }

  private record OpenedStores(Components components, Runnable close) {}

  private static Future<OpenedStores> openStores(Vertx vertx, TernConfig config, Clock clock) {
    if (config.database().inMemory()) {
      InMemoryAccountRegistry registry = new InMemoryAccountRegistry();
      Components components =
          new Components(config, new InMemoryMessageStore(registry), registry, clock);
      return Future.succeededFuture(new OpenedStores(components, () -> {}));
    }
    return PgStores.open(vertx, config.database().url(), config.database().schema())
        .map(stores -> new OpenedStores(
            new Components(config, stores.messageStore(), stores.accountRegistry(), clock),
            stores::close));
  }

  private static Future<Integer> deployVerticles(Vertx vertx, Components components,
      List<String> deploymentIds) {
    TernConfig config = components.config();
    List<Future<?>> deployments = new ArrayList<>();
    for (int shard = 0; shard < config.throttle().shards(); shard++) {
      deployments.add(vertx.deployVerticle(new ThrottleVerticle(shard)).onSuccess(deploymentIds::add));
    }
    deployments.add(vertx.deployVerticle(() -> new ValidationVerticle(components),
        new DeploymentOptions().setInstances(TernConfig.instances(config.validation().instances())))
        .onSuccess(deploymentIds::add));
    AtomicReference<IngressVerticle> first = new AtomicReference<>();
    return Future.all(deployments)
        .compose(ignored -> vertx.deployVerticle(() -> {
          IngressVerticle ingress = new IngressVerticle(components, ApiModules::forIngress);
          first.compareAndSet(null, ingress);
          return ingress;
        }, new DeploymentOptions().setInstances(TernConfig.instances(config.http().instances()))))
        .onSuccess(deploymentIds::add)
        .map(ignored -> first.get().actualPort());
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public Account mainAccount() {
    return mainAccount;
  }

  public boolean mainAccountGenerated() {
    return mainAccountGenerated;
  }

  public Components components() {
    return components;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Undeploys every verticle and closes the stores; the Vert.x instance stays open. */
  public Future<Void> stop() {
    List<Future<?>> undeployments = new ArrayList<>();
    // Ingress first, so no request is accepted while the rest goes away.
    for (int i = deploymentIds.size() - 1; i >= 0; i--) {
      undeployments.add(vertx.undeploy(deploymentIds.get(i)));
    }
    return Future.all(undeployments).<Void>mapEmpty().eventually(() -> {
      closeStores.run();
      return Future.succeededFuture();
    });
  }
}
