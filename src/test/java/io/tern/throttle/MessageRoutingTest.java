package io.tern.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.bus.Addresses;
import io.tern.bus.LocalCodec;
import io.tern.config.TernConfig;
import io.tern.message.Message;
import io.tern.message.MessageFixture;
import io.tern.message.Sids;
import io.tern.testing.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Queued messages routed in one turn of an event loop reach their shards in one hop per shard;
 * routed from anywhere else, each goes on its own.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class MessageRoutingTest {
  private static final String ACCOUNT = "AC" + "4a7e11".repeat(5) + "00";
  private static final TernConfig ONE_SHARD = TestGateway.config(Map.of("TERN_THROTTLE_SHARDS", "1"));

  @Test
  void messagesRoutedInOneTurnOfTheLoopGoToTheirShardTogether(Vertx vertx,
      VertxTestContext testContext) {
    List<Object> arrived = shardInbox(vertx, testContext, 1);
    List<Message> three = IntStream.range(0, 3).mapToObj(i -> queued("+1415555010" + i)).toList();
    ContextInternal loop = (ContextInternal) vertx.getOrCreateContext();
    loop.runOnContext(start -> {
      MessageRouting routing = new MessageRouting(vertx, ONE_SHARD);
      // Vert.x runs each HTTP request's handlers on a context of its own, on the same loop.
      loop.duplicate().runOnContext(request -> three.forEach(routing::route));
    });

    testContext.assertComplete(vertx.timer(300)).onSuccess(waited -> testContext.verify(() -> {
      assertThat(arrived).singleElement().isInstanceOfSatisfying(ShardBatch.class,
          batch -> assertThat(batch.messages()).extracting(ShardMessage::sid)
              .containsExactlyElementsOf(three.stream().map(Message::sid).toList()));
      testContext.completeNow();
    }));
  }

  @Test
  void aMessageRoutedInALaterTurnGoesInALaterHop(Vertx vertx, VertxTestContext testContext) {
    List<Object> arrived = shardInbox(vertx, testContext, 2);
    Message first = queued("+14155550110");
    Message second = queued("+14155550111");
    vertx.getOrCreateContext().runOnContext(start -> {
      MessageRouting routing = new MessageRouting(vertx, ONE_SHARD);
      routing.route(first);
      vertx.setTimer(50, later -> routing.route(second));
    });

    testContext.assertComplete(vertx.timer(300)).onSuccess(waited -> testContext.verify(() -> {
      assertThat(arrived).hasSize(2).allSatisfy(body -> assertThat(body)
          .isInstanceOfSatisfying(ShardBatch.class, batch -> assertThat(batch.messages()).hasSize(1)));
      testContext.completeNow();
    }));
  }

  @Test
  void routedOffAnEventLoopEachMessageGoesAlone(Vertx vertx, VertxTestContext testContext) {
    List<Object> arrived = shardInbox(vertx, testContext, 2);
    MessageRouting routing = new MessageRouting(vertx, ONE_SHARD);
    routing.route(queued("+14155550120"));
    routing.route(queued("+14155550121"));

    testContext.assertComplete(vertx.timer(300)).onSuccess(waited -> testContext.verify(() -> {
      assertThat(arrived).hasSize(2).allSatisfy(body -> assertThat(body).isInstanceOf(ShardMessage.class));
      testContext.completeNow();
    }));
  }

  /** What shard 0 receives; fails the test if more than {@code expected} bodies arrive. */
  private static List<Object> shardInbox(Vertx vertx, VertxTestContext testContext, int expected) {
    LocalCodec.register(vertx, ShardBatch.class);
    ShardMessageCodec.register(vertx);
    List<Object> arrived = new CopyOnWriteArrayList<>();
    vertx.eventBus().localConsumer(Addresses.throttle(0), delivery -> {
      arrived.add(delivery.body());
      if (arrived.size() > expected) {
        testContext.failNow("more hops than expected: " + arrived);
      }
    });
    return arrived;
  }

  private static Message queued(String from) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return MessageFixture.queued(Sids.generate(Sids.MESSAGE), ACCOUNT, from, now).build();
  }
}
