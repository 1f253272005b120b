package io.tern.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.callback.CallbackReceiver.Answer;
import io.tern.callback.CallbackReceiver.Received;
import io.tern.testing.Eventually;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Connections are bounded per host, so a slow receiver holds up only its own callbacks. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class SlowReceiverTest {
  private static final int SLOW_MESSAGES = 6;

  private final String schema = TestGateway.uniqueSchema("slow_receiver");
  private CallbackScenario scenario;
  private CallbackReceiver slow;
  private CallbackReceiver fast;

  @AfterEach
  void stop(VertxTestContext testContext) {
    CallbackScenario.stopAll(scenario, slow, fast).onComplete(testContext.succeedingThenComplete());
  }

  @Test
  void aSlowReceiverDoesNotDelayAFastOne(Vertx vertx, VertxTestContext testContext) {
    List<String> fastSids = new ArrayList<>();
    AtomicInteger slowTakenWhenFastWasDone = new AtomicInteger(-1);

    CallbackReceiver.start(vertx, 0, (n, form) -> new Answer(200, 2_000))
        .compose(started -> {
          slow = started;
          return CallbackReceiver.start(vertx, 0, (n, form) -> Answer.now(200));
        })
        .compose(started -> {
          fast = started;
          return CallbackScenario.start(vertx, schema, Map.of("TERN_CALLBACKS_MAX_CONNECTIONS_PER_HOST", "2"));
        })
        .compose(started -> {
          scenario = started;
          // The slow receiver's callbacks are due first and outnumber its connections.
          Future<?> chain = Future.succeededFuture();
          for (int i = 0; i < SLOW_MESSAGES; i++) {
            chain = chain.compose(x -> started.send(slow.url("/slow")));
          }
          return chain
              .compose(x -> started.send(fast.url("/fast")).onSuccess(fastSids::add))
              .compose(x -> started.send(fast.url("/fast")).onSuccess(fastSids::add));
        })
        .compose(x -> Eventually.poll(vertx, () -> Future.succeededFuture(fast.accepted().size()),
            taken -> {
              if (taken < 4) {
                return false;
              }
              slowTakenWhenFastWasDone.compareAndSet(-1, slow.accepted().size());
              return true;
            }, 15_000))
        .onComplete(testContext.succeeding(x -> testContext.verify(() -> {
          assertThat(slowTakenWhenFastWasDone.get())
              .as("the slow receiver's callbacks were still outstanding")
              .isLessThan(2 * SLOW_MESSAGES);
          assertThat(slow.arrived()).as("the slow receiver got callbacks meanwhile").isNotEmpty();
          assertThat(slow.mostOpenAtOnce()).as("connections to one host").isEqualTo(2);
          for (String sid : fastSids) {
            assertThat(fast.accepted()).filteredOn(r -> r.sid().equals(sid))
                .extracting(Received::status).containsExactly("sent", "delivered");
          }
          testContext.completeNow();
        })));
  }
}
