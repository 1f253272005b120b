package io.tern;

import io.tern.account.MainAccount;
import io.tern.message.ApiError;
import io.tern.api.IngressVerticle;
import io.tern.bus.LocalCodec;
import io.tern.callback.CallbackSenderVerticle;
import io.tern.cluster.ClusteredVertx;
import io.tern.cluster.ShardOwnershipVerticle;
import io.tern.carrier.CarrierConnector;
import io.tern.carrier.CarrierConnectors;
import io.tern.carrier.smpp.SmppConnector;
import io.tern.carrier.CarrierVerticle;
import io.tern.carrier.CarrierRequest;
import io.tern.carrier.InboundSms;
import io.tern.carrier.SubmissionLog;
import io.tern.carrier.SubmitResult;
import io.tern.config.TernConfig;
import io.tern.health.GatewayHealth;
import io.tern.health.Monitored;
import io.tern.inbound.InboundReceiver;
import io.tern.inbound.WebhookVerticle;
import io.tern.metrics.TernMetrics;
import io.tern.status.StatusWriterVerticle;
import io.tern.status.StatusWrites;
import io.tern.store.Account;
import io.tern.store.CachingAccountRegistry;
import io.tern.store.CachingOptOuts;
import io.tern.bus.Addresses;
import io.tern.store.CarrierIds;
import io.tern.message.Message;
import io.tern.message.StatusChange;
import io.tern.store.memory.InMemoryAccountRegistry;
import io.tern.store.memory.InMemoryMessageStore;
import io.tern.store.pg.PgStores;
import io.tern.throttle.ScheduledReleaseVerticle;
import io.tern.validation.SenderAssignmentVerticle;
import io.tern.throttle.ShardMessageCodec;
import io.tern.throttle.ThrottleVerticle;
import io.tern.validation.ValidationVerticle;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One running gateway: its stores, its main account and its verticles, deployed in the order a
 * message travels backwards (status writer and callback sender first, ingress last) and stopped in the reverse
 * order, one after the other, so nothing accepted is dropped on the way out. {@link Main} starts
 * one for the command line; tests start one per class on a free port.
 *
 * <p>Ready ({@code /health/ready}) once every verticle is deployed and the queues are recovered,
 * while the store answers, and until {@link #stop()} begins.
 */
public final class Gateway {
  private static final System.Logger LOG = System.getLogger(Gateway.class.getName());

  private final Vertx vertx;
  private final Components components;
  private final MainAccount.Outcome main;
  private final List<Deployed> deployments;
  private final ShardOwnershipVerticle ownership;
  private final Supplier<Future<Void>> closeStores;
  private final int port;
  private Future<Void> stopped;

  private Gateway(Vertx vertx, Components components, MainAccount.Outcome main,
      List<Deployed> deployments, ShardOwnershipVerticle ownership, Supplier<Future<Void>> closeStores,
      int port) {
    this.vertx = vertx;
    this.components = components;
    this.main = main;
    this.deployments = deployments;
    this.ownership = ownership;
    this.closeStores = closeStores;
    this.port = port;
  }

  /** One deployment: what it is (for logs and health) and its Vert.x id. */
  private record Deployed(String name, String id) {}

  public static Future<Gateway> start(Vertx vertx, TernConfig config) {
    return start(vertx, config, Clock.systemUTC(), null);
  }

  /**
   * @param submissionLog where the simulated carrier records what it sent (tests pass one in to
   *     prove nothing is sent twice across restarts); null for the carrier's own
   */
  public static Future<Gateway> start(Vertx vertx, TernConfig config, Clock clock, SubmissionLog submissionLog) {
    ValidationVerticle.registerCodecs(vertx);
    LocalCodec.register(vertx, Message.class, ApiError.class,
        StatusChange.class, CarrierRequest.class, SubmitResult.class, InboundSms.class);
    ShardMessageCodec.register(vertx);
    StatusWrites.registerCodecs(vertx);
    TernMetrics metrics = TernMetrics.of(vertx, config.metrics());
    GatewayHealth health = new GatewayHealth(vertx);
    return openStores(vertx, config, clock, metrics, health).compose(opened -> {
      Components components = opened.components();
      health.readiness("store", GatewayHealth.succeeds(opened.ping()));
      return MainAccount.ensure(components.accounts(), config, clock)
          // In a cluster each shard requeues its own senders' sends when a pod takes it: another
          // pod may be sending right now.
          .compose(main -> config.cluster().enabled()
              ? Future.succeededFuture(main)
              : components.messages().requeueInterrupted().map(main))
          .compose(main -> {
            Deployment deployment = new Deployment(vertx, components, opened.carrierIds(), submissionLog);
            health.readiness("deployments", deployment::check);
            return deployment.run()
                .map(port -> new Gateway(vertx, components, main, deployment.deployed, deployment.ownership,
                    opened.close(), port));
          });
    });
  }

  /** @param ping a cheap round trip to the store, for readiness */
  private record OpenedStores(Components components, CarrierIds carrierIds,
      Supplier<Future<Void>> close, Supplier<Future<?>> ping) {}

  private static Future<OpenedStores> openStores(Vertx vertx, TernConfig config, Clock clock,
      TernMetrics metrics, GatewayHealth health) {
    if (config.database().inMemory()) {
      InMemoryAccountRegistry registry = new InMemoryAccountRegistry();
      InMemoryMessageStore messages = new InMemoryMessageStore(registry);
      Components components = new Components(config, messages, registry, clock, metrics, health);
      return Future.succeededFuture(new OpenedStores(components, messages.carrierIds(),
          Future::succeededFuture, Future::succeededFuture));
    }
    return PgStores.open(vertx, config.database().url(), config.database().schema(),
            config.database().poolSize(), metrics.insertBatches())
        .compose(stores -> {
          CachingOptOuts optOuts = new CachingOptOuts(stores.optOuts(), config.database().optOutCacheMillis());
          // A STOP or START committed here is forgotten by every pod's cache, this one's too.
          optOuts.onChange(accountSid -> vertx.eventBus().publish(Addresses.OPT_OUTS_CHANGED, accountSid));
          MessageConsumer<String> notices = vertx.eventBus().<String>consumer(Addresses.OPT_OUTS_CHANGED,
              notice -> optOuts.forget(notice.body()));
          return notices.completion().map(listening -> new OpenedStores(
              new Components(config, stores.messageStore(),
                  new CachingAccountRegistry(stores.accountRegistry(), config.database().lookupCacheMillis()),
                  clock, metrics, health, stores.inboundStore(), optOuts),
              stores.carrierIds(), () -> notices.unregister().transform(done -> stores.close()),
              stores::ping));
        });
  }

  /**
   * Deploys the verticles one kind after the other and remembers their ids for the stop. Each
   * verticle instance is {@link Monitored}: it adds the liveness check of its event loop.
   */
  private static final class Deployment {
    private final Vertx vertx;
    private final Components components;
    private final CarrierIds carrierIds;
    private final SubmissionLog submissionLog;
    private final List<Deployed> deployed = new CopyOnWriteArrayList<>();
    private volatile boolean complete;
    private volatile ShardOwnershipVerticle ownership;

    Deployment(Vertx vertx, Components components, CarrierIds carrierIds, SubmissionLog submissionLog) {
      this.vertx = vertx;
      this.components = components;
      this.carrierIds = carrierIds;
      this.submissionLog = submissionLog;
    }

    Future<Integer> run() {
      TernConfig config = components.config();
      SenderAssignmentVerticle assignment = new SenderAssignmentVerticle(components);
      AtomicReference<IngressVerticle> firstIngress = new AtomicReference<>();
      return deploy("status-writer", new StatusWriterVerticle(components.lifecycle(),
              components.metrics().statusBatches(), components.metrics().statusWrites(),
              StatusWriterVerticle.DEFAULT_MAX_PENDING))
          .compose(ok -> clustered()
              ? Future.succeededFuture()
              : deploy("callback-sender", new CallbackSenderVerticle(components)))
          // Listening before the carrier starts, so a message it receives at once has a home.
          .compose(ok -> deploy("inbound-receiver", new InboundReceiver(components)))
          .compose(ok -> deploy("carrier", new CarrierVerticle(
              v -> withHealthCheck(CarrierConnectors.create(v, submissionLog == null
                  ? config.carrier() : config.carrier().withSimulatedLog(submissionLog))),
              config.carrier().prices(), carrierIds, config.carrier().reports(),
              components.clock())))
          .compose(ok -> clustered() ? Future.succeededFuture() : deployShards())
          .compose(ok -> deploy("sender-assignment", assignment))
          // Clustered, the shards and the scheduled release come after sender assignment: a
          // scheduled release without a sender goes there, and it must be listening.
          .compose(ok -> clustered()
              ? deployOwnership(assignment)
              : deploy("scheduled-release", new ScheduledReleaseVerticle(components)).<Void>mapEmpty())
          .compose(ok -> deploy("validation", () -> new ValidationVerticle(components),
              TernConfig.instances(config.validation().instances())))
          // After validation: TwiML replies are validated like any new message.
          .compose(ok -> deploy("inbound-webhooks", new WebhookVerticle(components)))
          .compose(ok -> deploy("ingress", () -> {
            IngressVerticle ingress = new IngressVerticle(components, ApiModules::forIngress);
            firstIngress.compareAndSet(null, ingress);
            return ingress;
          }, TernConfig.instances(config.http().instances())))
          .compose(ok -> assignment.recover())
          .onSuccess(ok -> complete = true)
          .map(ok -> firstIngress.get().actualPort());
    }

    /** An SMPP carrier tells /health/ready whether the SMSC is reachable, without failing it. */
    private CarrierConnector withHealthCheck(CarrierConnector connector) {
      if (connector instanceof SmppConnector smpp) {
        components.health().readiness("carrier", smpp.healthCheck());
      }
      return connector;
    }

    private boolean clustered() {
      return components.config().cluster().enabled();
    }

    /**
     * In a cluster the shards and the singletons are deployed by the pod's share of them, as it
     * changes; undeploying it (the stop) hands them all back. Sender assignment's recovery runs
     * again with the singletons: accepted messages a dead pod left behind get their sender.
     * Running it on every pod too is harmless: a second assignment of one message is not a step
     * forward, so the store applies only the first.
     */
    private Future<Void> deployOwnership(SenderAssignmentVerticle assignment) {
      ShardOwnershipVerticle.Workloads workloads = new ShardOwnershipVerticle.Workloads(
          shard -> new Monitored(components.health(), "throttle", new ThrottleVerticle(shard, components)),
          () -> List.of(
              new Monitored(components.health(), "callback-sender", new CallbackSenderVerticle(components)),
              new Monitored(components.health(), "scheduled-release", new ScheduledReleaseVerticle(components))),
          assignment::recover);
      ownership = new ShardOwnershipVerticle(components.config(), components.metrics(), workloads,
          () -> ClusteredVertx.members(vertx));
      return vertx.deployVerticle(new Monitored(components.health(), "shard-ownership", ownership))
          .onSuccess(id -> deployed.add(new Deployed("shard-ownership", id)))
          .mapEmpty();
    }

    private Future<Void> deployShards() {
      List<Future<String>> shards = new ArrayList<>();
      for (int shard = 0; shard < components.config().throttle().shards(); shard++) {
        shards.add(deploy("throttle", new ThrottleVerticle(shard, components)));
      }
      return Future.all(shards).mapEmpty();
    }

    private Future<String> deploy(String name, Deployable verticle) {
      return vertx.deployVerticle(new Monitored(components.health(), name, verticle))
          .onSuccess(id -> deployed.add(new Deployed(name, id)));
    }

    private Future<String> deploy(String name, Supplier<? extends Deployable> verticles, int instances) {
      return vertx.deployVerticle(() -> new Monitored(components.health(), name, verticles.get()),
              new DeploymentOptions().setInstances(instances))
          .onSuccess(id -> deployed.add(new Deployed(name, id)));
    }

    /** Readiness: everything deployed (queues recovered included) and still deployed. */
    void check(Promise<Status> promise) {
      List<String> missing = deployed.stream()
          .filter(deployment -> !vertx.deploymentIDs().contains(deployment.id()))
          .map(Deployed::name)
          .toList();
      JsonObject data = new JsonObject().put("deployments", deployed.size());
      if (!complete) {
        promise.complete(Status.KO(data.put("reason", "starting")));
      } else if (!missing.isEmpty()) {
        promise.complete(Status.KO(data.put("undeployed", missing)));
      } else {
        promise.complete(Status.OK(data));
      }
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

  /** The throttle shards this gateway runs now: all of them unless clustered. */
  public Set<Integer> ownedShards() {
    if (ownership == null) {
      return IntStream.range(0, components.config().throttle().shards()).boxed()
          .collect(Collectors.toUnmodifiableSet());
    }
    return ownership.ownedShards();
  }

  /** Whether this gateway runs the scheduled release and the callback sender: always unless clustered. */
  public boolean runsSingletons() {
    return ownership == null || ownership.holdsSingletons();
  }

  /** Names of this gateway's verticles still deployed: after a stop, what it left running. */
  public List<String> stillDeployed() {
    return deployments.stream()
        .filter(deployment -> vertx.deploymentIDs().contains(deployment.id()))
        .map(Deployed::name)
        .distinct()
        .toList();
  }

  /**
   * Readiness fails from now on ({@code /health/ready} answers 503) while everything else keeps
   * working; {@link #stop()} begins with this.
   */
  public void beginDrain() {
    components.health().beginDrain();
  }

  /**
   * The graceful stop, as on SIGTERM: readiness fails at once; the API keeps serving for
   * {@code shutdown.readinessDelayMillis}; then the verticles are undeployed newest first, each
   * after the one before has stopped: the ingress stops accepting and finishes the requests in
   * flight, validation after it, the throttles stop dispatching and wait for the carrier's
   * answers (what they still queue stays queued in the store), the carrier, then the status
   * writer flushes its batches; last the stores close. In a cluster the throttles, the
   * scheduled release and the callback sender stop together after validation, and their locks
   * are released once their sends are written, so other pods take them over at their next
   * check; the caller closes Vert.x afterwards, which leaves the cluster. Past
   * {@code shutdown.gracePeriodMillis} the stores close anyway and what was still running is
   * logged. The Vert.x instance stays open. Calling it again returns the same future.
   */
  public synchronized Future<Void> stop() {
    if (stopped != null) {
      return stopped;
    }
    beginDrain();
    TernConfig.Shutdown shutdown = components.config().shutdown();
    AtomicReference<String> step = new AtomicReference<>("waiting for the readiness delay");
    Future<Void> chain = shutdown.readinessDelayMillis() > 0
        ? vertx.timer(shutdown.readinessDelayMillis(), TimeUnit.MILLISECONDS).mapEmpty()
        : Future.succeededFuture();
    for (int i = deployments.size() - 1; i >= 0; i--) {
      Deployed deployment = deployments.get(i);
      chain = chain.transform(previous -> {
        step.set("stopping " + deployment.name());
        return vertx.undeploy(deployment.id()).onFailure(failure -> LOG.log(
            System.Logger.Level.WARNING, "Stopping " + deployment.name() + " failed", failure));
      });
    }
    Promise<Void> done = Promise.promise();
    long graceTimer = vertx.setTimer(shutdown.gracePeriodMillis(), expired -> {
      if (done.tryComplete()) {
        List<String> left = stillDeployed();
        LOG.log(System.Logger.Level.WARNING, "Shutdown grace period of "
            + shutdown.gracePeriodMillis() + " ms passed while " + step.get()
            + "; closing the stores anyway. Still deployed: " + left
            + ". Messages not yet answered by the carrier stay in 'sending' and are requeued"
            + " at the next start; queued messages stay queued in the store.");
      }
    });
    chain.onComplete(finished -> {
      vertx.cancelTimer(graceTimer);
      done.tryComplete();
    });
    stopped = done.future().eventually(closeStores::get);
    return stopped;
  }
}
