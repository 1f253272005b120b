package io.tern;

import io.tern.account.MainAccount;
import io.tern.api.ApiError;
import io.tern.api.IngressVerticle;
import io.tern.bus.LocalCodec;
import io.tern.callback.CallbackSenderVerticle;
import io.tern.carrier.CarrierConnectors;
import io.tern.carrier.CarrierVerticle;
import io.tern.carrier.CarrierRequest;
import io.tern.carrier.SubmissionLog;
import io.tern.carrier.SubmitResult;
import io.tern.config.TernConfig;
import io.tern.status.StatusWriterVerticle;
import io.tern.store.Account;
import io.tern.store.CachingAccountRegistry;
import io.tern.store.Message;
import io.tern.store.StatusChange;
import io.tern.store.memory.InMemoryAccountRegistry;
import io.tern.store.memory.InMemoryMessageStore;
import io.tern.store.pg.PgStores;
import io.tern.throttle.ScheduledReleaseVerticle;
import io.tern.throttle.SenderAssignmentVerticle;
import io.tern.throttle.ThrottleVerticle;
import io.tern.validation.CreateMessageRequest;
import io.tern.validation.ValidationVerticle;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One running gateway: its stores, its main account and its verticles, deployed in the order a
 * message travels backwards (status writer and callback sender first, ingress last) and stopped in the reverse
 * order, one after the other, so nothing accepted is dropped on the way out. {@link Main} starts
 * one for the command line; tests start one per class on a free port.
 */
public final class Gateway {
  private final Vertx vertx;
  private final Components components;
  private final MainAccount.Outcome main;
  private final List<String> deploymentIds;
  private final Supplier<Future<Void>> closeStores;
  private final int port;

  private Gateway(Vertx vertx, Components components, MainAccount.Outcome main,
      List<String> deploymentIds, Supplier<Future<Void>> closeStores, int port) {
    this.vertx = vertx;
    this.components = components;
    this.main = main;
    this.deploymentIds = deploymentIds;
    this.closeStores = closeStores;
    this.port = port;
  }

  public static Future<Gateway> start(Vertx vertx, TernConfig config) {
    return start(vertx, config, Clock.systemUTC(), null);
  }

  /**
   * @param submissionLog where the simulated carrier records what it sent (tests pass one in to
   *     prove nothing is sent twice across restarts); null for the carrier's own
   */
  public static Future<Gateway> start(Vertx vertx, TernConfig config, Clock clock, SubmissionLog submissionLog) {
    LocalCodec.register(vertx, CreateMessageRequest.class, Message.class, ApiError.class,
        StatusChange.class, CarrierRequest.class, SubmitResult.class);
    return openStores(vertx, config, clock).compose(opened -> {
      Components components = opened.components();
      return MainAccount.ensure(components.accounts(), config, clock)
          .compose(main -> components.messages().requeueInterrupted().map(main))
          .compose(main -> {
            Deployment deployment = new Deployment(vertx, components, submissionLog);
            return deployment.run()
                .map(port -> new Gateway(vertx, components, main, deployment.ids, opened.close(), port));
          });
    });
  }

  private record OpenedStores(Components components, Supplier<Future<Void>> close) {}

  private static Future<OpenedStores> openStores(Vertx vertx, TernConfig config, Clock clock) {
    if (config.database().inMemory()) {
      InMemoryAccountRegistry registry = new InMemoryAccountRegistry();
      Components components =
          new Components(config, new InMemoryMessageStore(registry), registry, clock);
      return Future.succeededFuture(new OpenedStores(components, Future::succeededFuture));
    }
    return PgStores.open(vertx, config.database().url(), config.database().schema(),
            config.database().poolSize())
        .map(stores -> new OpenedStores(
            new Components(config, stores.messageStore(),
                new CachingAccountRegistry(stores.accountRegistry(), config.database().lookupCacheMillis()),
                clock),
            stores::close));
  }

  /** Deploys the verticles one kind after the other and remembers their ids for the stop. */
  private static final class Deployment {
    private final Vertx vertx;
    private final Components components;
    private final SubmissionLog submissionLog;
    private final List<String> ids = new ArrayList<>();

    Deployment(Vertx vertx, Components components, SubmissionLog submissionLog) {
      this.vertx = vertx;
      this.components = components;
      this.submissionLog = submissionLog;
    }

    Future<Integer> run() {
      TernConfig config = components.config();
      SenderAssignmentVerticle assignment = new SenderAssignmentVerticle(components);
      AtomicReference<IngressVerticle> firstIngress = new AtomicReference<>();
      return deploy(new StatusWriterVerticle(components.messages()))
          .compose(ok -> deploy(new CallbackSenderVerticle(components)))
          .compose(ok -> deploy(new CarrierVerticle(
              v -> submissionLog == null
                  ? CarrierConnectors.create(v, config.carrier())
                  : CarrierConnectors.create(v, config.carrier(), submissionLog),
              CarrierConnectors.prices(config.carrier()), components.clock())))
          .compose(ok -> deployShards())
          .compose(ok -> deploy(assignment))
          .compose(ok -> deploy(new ScheduledReleaseVerticle(components)))
          .compose(ok -> deploy(() -> new ValidationVerticle(components),
              TernConfig.instances(config.validation().instances())))
          .compose(ok -> deploy(() -> {
            IngressVerticle ingress = new IngressVerticle(components, ApiModules::forIngress);
            firstIngress.compareAndSet(null, ingress);
            return ingress;
          }, TernConfig.instances(config.http().instances())))
          .compose(ok -> assignment.recover())
          .map(ok -> firstIngress.get().actualPort());
    }

    private Future<Void> deployShards() {
      List<Future<String>> shards = new ArrayList<>();
      for (int shard = 0; shard < components.config().throttle().shards(); shard++) {
        shards.add(deploy(new ThrottleVerticle(shard, components)));
      }
      return Future.all(shards).mapEmpty();
    }

    private Future<String> deploy(Deployable verticle) {
      return vertx.deployVerticle(verticle).onSuccess(ids::add);
    }

    private Future<String> deploy(Supplier<? extends Deployable> verticles, int instances) {
      return vertx.deployVerticle(verticles, new DeploymentOptions().setInstances(instances))
          .onSuccess(ids::add);
    }
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public Account mainAccount() {
    return main.account();
  }

  public boolean mainAccountGenerated() {
    return main.generated();
  }

  public Components components() {
    return components;
  }

  public Vertx vertx() {
    return vertx;
  }

  /**
   * Undeploys the verticles newest first, each after the one before has stopped (ingress stops
   * taking requests, throttles wait for the carrier's answers, the status writer flushes), then
   * closes the stores. The Vert.x instance stays open.
   */
  public Future<Void> stop() {
    Future<Void> chain = Future.succeededFuture();
    for (int i = deploymentIds.size() - 1; i >= 0; i--) {
      String id = deploymentIds.get(i);
      chain = chain.compose(ok -> vertx.undeploy(id));
    }
    return chain.eventually(closeStores::get);
  }
}
