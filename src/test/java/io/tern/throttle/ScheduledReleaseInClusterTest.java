package io.tern.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.Components;
import io.tern.bus.Addresses;
import io.tern.bus.LocalCodec;
import io.tern.config.TernConfig;
import io.tern.health.GatewayHealth;
import io.tern.metrics.TernMetrics;
import io.tern.status.StatusWriterVerticle;
import io.tern.message.Message;
import io.tern.message.MessageFixture;
import io.tern.message.MessageStatus;
import io.tern.message.Sids;
import io.tern.message.StatusChange;
import io.tern.store.memory.InMemoryAccountRegistry;
import io.tern.store.memory.InMemoryMessageStore;
import io.tern.testing.TestGateway;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * In a cluster a scheduled message may be committed on a pod that does not run the scheduled
 * release: its routing sends the sid, and the release reads the message back from the store,
 * holds it until SendAt and then hands it to its sender's shard as a {@link ShardMessage}.
 * One Vert.x stands in for the pods: the hops are the clustered ones, not local-only.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class ScheduledReleaseInClusterTest {
  private static final String ACCOUNT = "AC" + "5c4ed0".repeat(5) + "00";
  private static final String SENDER = "+14155550177";

  @Test
  void aScheduledMessageCommittedElsewhereIsReadBackAndReleasedToItsShard(Vertx vertx,
      VertxTestContext testContext) {
    // Clustering needs a database URL to be configured; the store here is in memory all the same.
    TernConfig config = TestGateway.config(Map.of(
        "TERN_DATABASE_URL", TestGateway.DATABASE_URL, "TERN_CLUSTER_ENABLED", "true"));
    InMemoryAccountRegistry registry = new InMemoryAccountRegistry();
    InMemoryMessageStore store = new InMemoryMessageStore(registry);
    Components components = new Components(config, store, registry, Clock.systemUTC(),
        TernMetrics.disabled(), new GatewayHealth(vertx));
    LocalCodec.register(vertx, Message.class, StatusChange.class);
    ShardMessageCodec.register(vertx);
    MessageRouting routing = new MessageRouting(vertx, config);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Message later = scheduled(SENDER, now, now.plusMillis(300));
    Message canceled = scheduled(SENDER, now, now.plusMillis(100));
    Promise<ShardMessage> atTheShard = Promise.promise();
    vertx.eventBus().<ShardMessage>consumer(Addresses.throttle(routing.shardOf(later)), delivery -> {
      testContext.verify(() -> assertThat(delivery.body().sid()).isEqualTo(later.sid()));
      atTheShard.tryComplete(delivery.body());
    });

    store.insert(later, null)
        .compose(x -> store.insert(canceled, null))
        .compose(x -> store.applyStatusChanges(List.of(
            StatusChange.to(canceled.sid(), MessageStatus.CANCELED, now))))
        .compose(x -> vertx.deployVerticle(new StatusWriterVerticle(store)))
        .compose(x -> vertx.deployVerticle(new ScheduledReleaseVerticle(components)))
        .compose(x -> {
          // As another pod routes what it committed (the canceled one was canceled meanwhile).
          routing.route(later);
          routing.route(canceled);
          return atTheShard.future();
        })
        .compose(released -> vertx.timer(300).compose(x -> store.findBySids(List.of(later.sid(), canceled.sid())))
            .map(stored -> Map.entry(released, stored)))
        .onComplete(testContext.succeeding(result -> testContext.verify(() -> {
          ShardMessage released = result.getKey();
          assertThat(released.from()).isEqualTo(SENDER);
          assertThat(released.senderKey()).isEqualTo(SENDER);
          assertThat(result.getValue()).extracting(Message::status)
              .containsExactly(MessageStatus.QUEUED, MessageStatus.CANCELED);
          testContext.completeNow();
        })));
  }

  private static Message scheduled(String from, Instant created, Instant sendAt) {
    return MessageFixture.queued(Sids.generate(Sids.MESSAGE), ACCOUNT, from, created)
        .to("+14155550130")
        .body("later")
        .status(MessageStatus.SCHEDULED)
        .sendAt(sendAt)
        .build();
  }
}
