package io.tern.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import io.tern.callback.CallbackReceiver.Answer;
import io.tern.callback.CallbackReceiver.Received;
import io.tern.testing.DownPort;
import io.tern.testing.Eventually;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Backoff is kept per receiver host: while a receiver is down one callback probes it and the
 * others wait without being posted; when it answers again they all go at once, in order per
 * message, none twice, signed.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class ReceiverOutageTest {
  private static final int MESSAGES = 16;

  private final String schema = TestGateway.uniqueSchema("receiver_outage");
  private CallbackScenario scenario;
  private CallbackReceiver receiver;

  @AfterEach
  void stop(VertxTestContext testContext) {
    CallbackScenario.stopAll(scenario, receiver).onComplete(testContext.succeedingThenComplete());
  }

  @Test
  void waitingCallbacksGoTogetherWhenTheReceiverComesBack(Vertx vertx, VertxTestContext testContext)
      throws IOException {
    DownPort down = DownPort.reserve();
    int port = down.port();
    String url = "http://127.0.0.1:" + port + "/status";
    List<String> sids = new ArrayList<>();

    // A callback's own backoff could grow to a minute; the host's probe waits at most 5 s.
    CallbackScenario.start(vertx, schema, Map.of(
            "TERN_CALLBACKS_INITIAL_BACKOFF_MILLIS", "50",
            "TERN_CALLBACKS_MAX_BACKOFF_MILLIS", "60000"))
        .compose(started -> {
          scenario = started;
          Future<?> chain = Future.succeededFuture();
          for (int i = 0; i < MESSAGES; i++) {
            chain = chain.compose(x -> started.send(url).onSuccess(sids::add));
          }
          return chain;
        })
        // The receiver stays down until the host has been probed and refused several times.
        .compose(x -> Eventually.poll(vertx, () -> histories(sids),
            histories -> histories.stream().anyMatch(history -> history.size() >= 5), 30_000))
        // The first post is the host's probe and is answered at once; the ones it lets go are
        // held until half of them are open together (answered after 500 ms, a burst that took
        // longer on a busy machine looked like posts one after another), or for 10 s at most.
        .compose(x -> CallbackReceiver.start(vertx, down.release(), (n, form) -> n == 1
            ? Answer.now(200) : Answer.together(200, MESSAGES / 2, 10_000)))
        .compose(up -> {
          receiver = up;
          return Eventually.poll(vertx, () -> Future.succeededFuture(receiver.accepted().size()),
              accepted -> accepted >= 2 * MESSAGES, 30_000);
        })
        .compose(x -> histories(sids))
        .onComplete(testContext.succeeding(histories -> testContext.verify(() -> {
          long triedMoreThanOnce = histories.stream()
              .filter(history -> history.stream().filter(a -> "retry".equals(a.getString("outcome"))).count() > 1)
              .count();
          assertThat(triedMoreThanOnce).as("callbacks posted more than once to the down receiver")
              .isLessThan(MESSAGES / 4);
          assertThat(receiver.mostOpenAtOnce()).as("waiting callbacks posted together on its return")
              .isGreaterThanOrEqualTo(MESSAGES / 2);

          assertThat(receiver.arrived()).as("none twice").hasSize(2 * MESSAGES);
          assertThat(receiver.arrived()).extracting(r -> r.headers().get("I-Twilio-Idempotency-Token"))
              .doesNotHaveDuplicates();
          RequestValidator validator = new RequestValidator(scenario.authToken());
          assertThat(receiver.arrived()).allSatisfy(request -> assertThat(validator.validate(
              request.url(), request.form(), request.headers().get("X-Twilio-Signature"))).isTrue());
          for (String sid : sids) {
            assertThat(receiver.arrived()).filteredOn(r -> r.sid().equals(sid))
                .extracting(Received::status).as("in order for %s", sid)
                .containsExactly("sent", "delivered");
          }
          testContext.completeNow();
        })));
  }

  private Future<List<List<JsonObject>>> histories(List<String> sids) {
    return Future.all(sids.stream().map(scenario::attempts).toList())
        .map(all -> all.<List<JsonObject>>list());
  }

}
