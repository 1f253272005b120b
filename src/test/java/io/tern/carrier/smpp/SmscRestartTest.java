package io.tern.carrier.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.Gateway;
import io.tern.carrier.smpp.TestSmsc.Script;
import io.tern.testing.ApiClient;
import io.tern.testing.Eventually;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SMSC crashes (every connection dropped, nothing listening) in the middle of a load and
 * comes back: every accepted message ends delivered, and the only ones the handset may get twice
 * are those whose submit the SMSC had read when it fell, at most a window's worth (README, SMPP).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
class SmscRestartTest {
  private static final String FROM = "+14155550100";
  private static final String TO = "+14155550140";
  private static final int MESSAGES = 40;
  private static final int WINDOW = 10;
  /** How long the SMSC takes to answer each submit. */
  private static final long ANSWER_MILLIS = 40;
  /**
   * How long before the fall an answer may have been written and still be lost. The SMSC falls
   * with Tern's next submits unread, so its sockets close with a reset, and a reset drops what
   * Tern had not yet read: an answer written in the last moments (Tern's loop busy, the suite
   * loading the machine) never arrives, and that submit is cut off as surely as one unanswered.
   */
  private static final long LOST_ANSWER_MILLIS = 500;
  private TestSmsc smsc;
  private Gateway gateway;

  @AfterEach
  void stop(VertxTestContext ctx) throws Exception {
    (gateway == null ? Future.<Void>succeededFuture() : gateway.stop()).onComplete(ctx.succeedingThenComplete());
    smsc.close();
  }

  @Test
  void nothingIsLostAndOnlySubmitsCutOffByTheCrashGoTwice(Vertx vertx, VertxTestContext ctx) throws Exception {
    // Answers take a while, so submits are in flight when the SMSC falls.
    smsc = TestSmsc.start().otherwise(Script.accept().delay(ANSWER_MILLIS));
    Map<String, String> env = SmppGateways.env(smsc, TestGateway.uniqueSchema("smsc_restart"));
    env.put("TERN_CARRIER_SMPP_WINDOW", Integer.toString(WINDOW));
    List<String> bodies = IntStream.range(0, MESSAGES).mapToObj(i -> "load " + i).toList();
    AtomicLong crashedAtNanos = new AtomicLong();

    TestGateway.start(vertx, env, Clock.systemUTC(), null)
        .compose(started -> {
          gateway = started;
          ApiClient api = new ApiClient(WebClient.create(vertx), started.port(), SmppGateways.ACCOUNT, SmppGateways.TOKEN);
          Future<Void> crash = Eventually.poll(vertx, () -> Future.succeededFuture(smsc.received().size()),
                  taken -> taken >= 12, 30_000)
              .compose(taken -> vertx.executeBlocking(() -> {
                crashedAtNanos.set(System.nanoTime());
                smsc.stop();
                TimeUnit.MILLISECONDS.sleep(500);
                smsc.listen();
                return null;
              }));
          return SmppGateways.register(api, FROM, Map.of())
              .compose(registered -> SmppGateways.send(api, FROM, TO, bodies))
              .compose(sids -> crash.map(sids))
              .compose(sids -> SmppGateways.allReach(vertx, api, sids, "delivered", 60_000));
        })
        .onComplete(ctx.succeeding(statuses -> ctx.verify(() -> {
          assertThat(statuses).hasSize(MESSAGES);
          Map<String, List<TestSmsc.Received>> byBody = smsc.received().stream()
              .collect(Collectors.groupingBy(TestSmsc.Received::text));
          assertThat(byBody.keySet()).containsExactlyInAnyOrderElementsOf(bodies);
          Map<String, List<TestSmsc.Received>> twice = byBody.entrySet().stream()
              .filter(e -> e.getValue().size() > 1)
              .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
          // Sent again only when cut off, and only once more: the fallen SMSC read the first
          // copy but never wrote its answer (or wrote it as it fell, lost in the reset), the new
          // one took the second.
          long lastAnswerKept = crashedAtNanos.get()
              - TimeUnit.MILLISECONDS.toNanos(ANSWER_MILLIS + LOST_ANSWER_MILLIS);
          assertThat(twice.values()).allSatisfy(copies -> {
            assertThat(copies).hasSize(2);
            assertThat(!copies.get(0).answered() || copies.get(0).atNanos() > lastAnswerKept)
                .as("the first copy was answered well before the fall").isTrue();
            assertThat(copies.get(1).sessionId()).isNotEqualTo(copies.get(0).sessionId());
          });
          // Every other submit was answered once; a first copy whose answer the fall lost
          // counts twice.
          long lostAnswers = twice.values().stream().filter(copies -> copies.get(0).answered())
              .count();
          assertThat(smsc.received()).filteredOn(TestSmsc.Received::answered)
              .hasSize(MESSAGES + (int) lostAnswers);
          assertThat(twice).hasSizeLessThanOrEqualTo(WINDOW);
          assertThat(smsc.binds()).isGreaterThanOrEqualTo(2);
          ctx.completeNow();
        })));
  }
}
