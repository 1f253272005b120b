package io.tern.throttle;

import static io.tern.testing.ApiClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.Gateway;
import io.tern.carrier.SubmissionLog;
import io.tern.message.Message;
import io.tern.message.MessageStatus;
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
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A sender's pace survives a restart: a gateway stopped while a 1/s sender has 4-segment
 * messages queued, and a new gateway started on the same database, which sends the rest no
 * sooner after the old gateway's last send than that send's segments allow. Measured on the
 * stored date_sent values (the moments the throttles released the messages), not on the test's
 * clock.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
class PaceAfterRestartTest {
  private static final String SENDER = "+14155550160";
  private static final String ACCOUNT = "AC" + "9ace0f".repeat(5) + "00";
  private static final String TOKEN = "pace-after-restart-token-0123456";
  /** GSM-7, 600 characters: 4 segments of at most 153. */
  private static final String FOUR_SEGMENTS = "pace ".repeat(120);
  private static final int MESSAGES = 3;
  /** The store keeps date_sent to the microsecond. */
  private static final Duration STORE_GRANULARITY = ChronoUnit.MICROS.getDuration();

  private final String schema = TestGateway.uniqueSchema("pace");
  private final List<Gateway> running = new ArrayList<>();

  @AfterEach
  void stopGateways(VertxTestContext testContext) {
    Future.all(running.stream().map(Gateway::stop).toList())
        .onComplete(testContext.succeedingThenComplete());
  }

  @Test
  void aRestartedGatewayWaitsOutTheHoldOfTheLastSendBeforeTheRestart(Vertx vertx,
      VertxTestContext testContext) {
    Map<String, String> env = new HashMap<>(TestGateway.postgres(schema));
    env.put("TERN_ACCOUNT_SID", ACCOUNT);
    env.put("TERN_AUTH_TOKEN", TOKEN);
    env.put("TERN_CARRIER_SIMULATED_DELIVERY_REPORT_DELAY_MILLIS", "50");
    SubmissionLog firstLog = new SubmissionLog();
    SubmissionLog secondLog = new SubmissionLog();
    List<String> sids = new ArrayList<>();
    Set<String> sentBeforeTheRestart = new HashSet<>();

    TestGateway.start(vertx, env, Clock.systemUTC(), firstLog)
        .compose(first -> {
          running.add(first);
          ApiClient api = new ApiClient(WebClient.create(vertx), first.port(), ACCOUNT, TOKEN);
          return api.post("/2010-04-01/Accounts/" + ACCOUNT + "/IncomingPhoneNumbers.json",
                  Map.of("PhoneNumber", SENDER))
              .compose(registered -> postSequentially(api, sids))
              // The first goes at once; the others wait 4 s each behind it.
              .compose(posted -> waitFor(vertx, first, sids.subList(0, 1), m -> m.dateSent() != null))
              .compose(firstSent -> first.stop())
              .map(stopped -> running.remove(first));
        })
        .compose(stopped -> {
          // What the stopped gateway's carrier took: its store is closed with it.
          sids.stream().filter(sid -> firstLog.count(sid) > 0).forEach(sentBeforeTheRestart::add);
          return TestGateway.start(vertx, env, Clock.systemUTC(), secondLog);
        })
        .compose(second -> {
          running.add(second);
          return waitFor(vertx, second, sids, m -> m.status() == MessageStatus.DELIVERED);
        })
        .onComplete(testContext.succeeding(stored -> testContext.verify(() -> {
          assertThat(stored).hasSize(MESSAGES).allSatisfy(m -> assertThat(m.numSegments()).isEqualTo(4));
          // Stopped mid-queue: each gateway sent some, none sent one twice.
          assertThat(sentBeforeTheRestart).isNotEmpty().hasSizeLessThan(MESSAGES);
          sids.forEach(sid -> assertThat(firstLog.count(sid) + secondLog.count(sid)).as(sid).isEqualTo(1));
          List<Message> bySend = stored.stream().sorted(Comparator.comparing(Message::dateSent)).toList();
          for (int i = 1; i < bySend.size(); i++) {
            Message before = bySend.get(i - 1);
            // 1 segment per second for a US long code: the earlier message's segments in seconds.
            Duration due = Duration.ofSeconds(before.numSegments()).minus(STORE_GRANULARITY);
            assertThat(Duration.between(before.dateSent(), bySend.get(i).dateSent()))
                .as("gap after %s (%s the restart)", before.sid(),
                    sentBeforeTheRestart.contains(before.sid()) ? "before" : "after")
                .isGreaterThanOrEqualTo(due);
          }
          testContext.completeNow();
        })));
  }

  private static Future<Void> postSequentially(ApiClient api, List<String> sids) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < MESSAGES; i++) {
      chain = chain.compose(ok -> api.post("/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json",
              form("To", "+14155550130", "From", SENDER, "Body", FOUR_SEGMENTS))
          .map(response -> {
            assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
            sids.add(response.bodyAsJsonObject().getString("sid"));
            return null;
          }));
    }
    return chain;
  }

  /** The messages as stored, once every one satisfies {@code done}. */
  private static Future<List<Message>> waitFor(Vertx vertx, Gateway gateway, List<String> sids,
      Predicate<Message> done) {
    return Eventually.poll(vertx, () -> gateway.components().messages().findBySids(sids),
        found -> found.size() == sids.size() && found.stream().allMatch(done), 45_000);
  }
}
