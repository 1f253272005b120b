package io.tern.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.Components;
import io.tern.bus.Addresses;
import io.tern.bus.LocalCodec;
import io.tern.carrier.CarrierRequest;
import io.tern.carrier.SubmitResult;
import io.tern.config.TernConfig;
import io.tern.health.GatewayHealth;
import io.tern.message.Message;
import io.tern.message.MessageFixture;
import io.tern.message.Sids;
import io.tern.message.StatusChange;
import io.tern.metrics.TernMetrics;
import io.tern.status.StatusWriterVerticle;
import io.tern.store.MessageStore;
import io.tern.store.memory.InMemoryAccountRegistry;
import io.tern.store.memory.InMemoryMessageStore;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A shard that takes over a sender with a stored backlog may be handed a newer message of that
 * sender (routed by a pod that just committed it) while it is still reading the backlog. The new
 * message must queue behind the backlog, not in front of it: every message goes, oldest first.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class ArrivalDuringRecoveryTest {
  private static final String ACCOUNT = Sids.generate(Sids.ACCOUNT);
  private static final String SENDER = "+14155550188";

  @Test
  void aMessageThatArrivesWhileTheShardReadsItsBacklogQueuesBehindIt(Vertx vertx, VertxTestContext ctx) {
    TernConfig config = TestGateway.config(Map.of());
    InMemoryAccountRegistry registry = new InMemoryAccountRegistry();
    InMemoryMessageStore messages = new InMemoryMessageStore(registry);
    Promise<Void> backlogAsked = Promise.promise();
    Promise<Void> backlogReleased = Promise.promise();
    MessageStore store = backlogHeldUntil(messages, backlogAsked, backlogReleased.future());
    Components components = new Components(config, store, registry, Clock.systemUTC(),
        TernMetrics.disabled(), new GatewayHealth(vertx));
    LocalCodec.register(vertx, Message.class, StatusChange.class, CarrierRequest.class, SubmitResult.class);
    ShardMessageCodec.register(vertx);
    int shard = Addresses.shardOf(SENDER, config.throttle().shards());

    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Message old1 = queued(now.minusSeconds(2));
    Message old2 = queued(now.minusSeconds(1));
    Message newer = queued(now);
    List<String> submitted = new CopyOnWriteArrayList<>();
    Promise<Void> allThree = Promise.promise();
    vertx.eventBus().<CarrierRequest>localConsumer(Addresses.CARRIER_SUBMIT, request -> {
      submitted.add(request.body().sms().messageSid());
      request.reply(SubmitResult.sent("carrier-" + submitted.size()), LocalCodec.localOnly());
      if (submitted.size() == 3) {
        allThree.tryComplete();
      }
    });

    Future.all(messages.insert(old1, null), messages.insert(old2, null), messages.insert(newer, null))
        .compose(inserted -> vertx.deployVerticle(new StatusWriterVerticle(messages)))
        .compose(writer -> {
          vertx.deployVerticle(new ThrottleVerticle(shard, components));
          return backlogAsked.future();
        })
        .compose(recovering -> {
          // The shard listens already and is reading the store: the newer message comes now.
          Promise<Void> handled = Promise.promise();
          vertx.eventBus().addInboundInterceptor(delivery -> {
            delivery.next();
            // next() ran the shard's handler: the message is in the shard's hands.
            if (delivery.message().address().equals(Addresses.throttle(shard))) {
              handled.tryComplete();
            }
          });
          new MessageRouting(vertx, config).route(newer);
          return handled.future();
        })
        .compose(delivered -> {
          backlogReleased.complete();
          return allThree.future();
        })
        .onComplete(ctx.succeeding(sent -> ctx.verify(() -> {
          assertThat(submitted).containsExactly(old1.sid(), old2.sid(), newer.sid());
          ctx.completeNow();
        })));
  }

  private static Message queued(Instant created) {
    return MessageFixture.queued(Sids.generate(Sids.MESSAGE), ACCOUNT, SENDER, created).build();
  }

  /** The store, whose backlog read says it was asked and answers only once released. */
  private static MessageStore backlogHeldUntil(MessageStore store, Promise<Void> asked, Future<Void> released) {
    return (MessageStore) Proxy.newProxyInstance(MessageStore.class.getClassLoader(),
        new Class<?>[] {MessageStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("backlog")) {
            asked.tryComplete();
            return released.compose(go -> store.backlog());
          }
          try {
            return method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
