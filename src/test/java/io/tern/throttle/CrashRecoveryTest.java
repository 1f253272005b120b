package io.tern.throttle;

import static io.tern.testing.ApiClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.Gateway;
import io.tern.carrier.SubmissionLog;
import io.tern.testing.ApiClient;
import io.tern.testing.Eventually;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The store is the truth even when the process dies without a word: a gateway started as its
 * own process ({@code java io.tern.Main}, as in production) is killed with SIGKILL in the middle
 * of a backlog, and a new gateway on the same database finds and sends every message it left.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
class CrashRecoveryTest {
  private static final String SENDER = "+14155550100";
  private static final String ACCOUNT = "AC" + "c0ffee".repeat(5) + "00";
  private static final String TOKEN = "crash-recovery-token-0123456789ab";

  private final String schema = TestGateway.uniqueSchema("crash");
  private Process child;
  private Gateway successor;

  @AfterEach
  void cleanUp(VertxTestContext testContext) {
    if (child != null) {
      child.destroyForcibly();
    }
    (successor == null ? Future.<Void>succeededFuture() : successor.stop())
        .onComplete(testContext.succeedingThenComplete());
  }

  @Test
  void aKilledGatewayLosesNoAcceptedMessage(Vertx vertx, VertxTestContext testContext) throws Exception {
    int port = freePort();
    Map<String, String> env = new HashMap<>(TestGateway.postgres(schema));
    env.put("TERN_ACCOUNT_SID", ACCOUNT);
    env.put("TERN_AUTH_TOKEN", TOKEN);
    env.put("TERN_CARRIER_SIMULATED_DELIVERY_REPORT_DELAY_MILLIS", "50");
    child = startChild(env, port);
    ApiClient first = new ApiClient(WebClient.create(vertx), port, ACCOUNT, TOKEN);
    String messages = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    List<String> uris = new ArrayList<>();
    SubmissionLog successorLog = new SubmissionLog();
    Set<String> deliveredBeforeTheCrash = new java.util.HashSet<>();

    Eventually.poll(vertx, () -> first.get(messages), response -> response.statusCode() == 200, 30_000)
        .compose(up -> first.post("/2010-04-01/Accounts/" + ACCOUNT + "/IncomingPhoneNumbers.json",
            Map.of("PhoneNumber", SENDER)))
        .compose(registered -> createSequentially(first, messages, 6, uris))
        .compose(created -> Eventually.poll(vertx, () -> statuses(first, uris),
            all -> all.values().stream().filter("delivered"::equals).count() >= 2, 20_000))
        .compose(twoDelivered -> {
          twoDelivered.forEach((sid, status) -> {
            if ("delivered".equals(status)) {
              deliveredBeforeTheCrash.add(sid);
            }
          });
          child.destroyForcibly();
          // Waiting for the process to be gone blocks: not on the event loop.
          return vertx.executeBlocking(() -> child.waitFor(10, TimeUnit.SECONDS))
              .compose(gone -> TestGateway.start(vertx, env, Clock.systemUTC(), successorLog));
        })
        .compose(started -> {
          successor = started;
          ApiClient second = ApiClient.as(WebClient.create(vertx), started, started.mainAccount());
          return Eventually.poll(vertx, () -> statuses(second, uris),
              all -> all.values().stream().allMatch("delivered"::equals), 30_000);
        })
        .onComplete(testContext.succeeding(ignored -> testContext.verify(() -> {
          assertThat(uris).hasSize(6);
          assertThat(deliveredBeforeTheCrash).hasSizeGreaterThanOrEqualTo(2);
          assertThat(successorLog.duplicates()).isEmpty();
          // The successor sent what the killed gateway left, and nothing it had recorded as sent.
          assertThat(successorLog.sentCount()).isBetween(1, 6 - deliveredBeforeTheCrash.size());
          deliveredBeforeTheCrash.forEach(sid -> assertThat(successorLog.count(sid)).as(sid).isZero());
          testContext.completeNow();
        })));
  }

  /**
   * The simulated carrier's reports live in its process: killed with reports owed, the gateway
   * leaves its messages sent. The next start reads them from the store and reports them, so
   * none stays sent for good, and none is submitted again.
   */
  @Test
  void reportsOwedWhenTheGatewayIsKilledAreGivenAfterTheRestart(Vertx vertx, VertxTestContext testContext)
      throws Exception {
    int port = freePort();
    Map<String, String> env = new HashMap<>(TestGateway.postgres(schema));
    env.put("TERN_ACCOUNT_SID", ACCOUNT);
    env.put("TERN_AUTH_TOKEN", TOKEN);
    Map<String, String> killed = new HashMap<>(env);
    // Far beyond the test: every report is still owed when the process dies.
    killed.put("TERN_CARRIER_SIMULATED_DELIVERY_REPORT_DELAY_MILLIS", "3600000");
    env.put("TERN_CARRIER_SIMULATED_DELIVERY_REPORT_DELAY_MILLIS", "50");
    child = startChild(killed, port);
    ApiClient first = new ApiClient(WebClient.create(vertx), port, ACCOUNT, TOKEN);
    String messages = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    List<String> uris = new ArrayList<>();
    SubmissionLog successorLog = new SubmissionLog();

    Eventually.poll(vertx, () -> first.get(messages), response -> response.statusCode() == 200, 60_000)
        .compose(up -> first.post("/2010-04-01/Accounts/" + ACCOUNT + "/IncomingPhoneNumbers.json",
            Map.of("PhoneNumber", SENDER)))
        .compose(registered -> createSequentially(first, messages, 3, uris))
        .compose(created -> Eventually.poll(vertx, () -> statuses(first, uris),
            all -> all.values().stream().allMatch("sent"::equals), 30_000))
        .compose(allSent -> {
          child.destroyForcibly();
          return vertx.executeBlocking(() -> child.waitFor(10, TimeUnit.SECONDS))
              .compose(gone -> TestGateway.start(vertx, env, Clock.systemUTC(), successorLog));
        })
        .compose(started -> {
          successor = started;
          ApiClient second = ApiClient.as(WebClient.create(vertx), started, started.mainAccount());
          return Eventually.poll(vertx, () -> statuses(second, uris),
              all -> all.values().stream().allMatch("delivered"::equals), 30_000);
        })
        .onComplete(testContext.succeeding(ignored -> testContext.verify(() -> {
          assertThat(uris).hasSize(3);
          // Reported, not sent again: the successor's carrier took nothing.
          assertThat(successorLog.sentCount()).isZero();
          testContext.completeNow();
        })));
  }

  private static Future<Map<String, String>> statuses(ApiClient api, List<String> uris) {
    return Future.all(uris.stream().map(uri -> api.get(uri).map(r -> r.bodyAsJsonObject())).toList())
        .map(all -> all.<JsonObject>list().stream()
            .collect(Collectors.toMap(m -> m.getString("sid"), m -> m.getString("status"))));
  }

  private static Future<List<String>> createSequentially(ApiClient api, String messages, int count,
      List<String> uris) {
    Future<List<String>> chain = Future.succeededFuture(uris);
    for (int i = 0; i < count; i++) {
      int n = i;
      chain = chain.compose(list -> api.post(messages,
              form("To", "+14155550130", "From", SENDER, "Body", "before the crash " + n))
          .map(response -> {
            assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
            list.add(response.bodyAsJsonObject().getString("uri"));
            return list;
          }));
    }
    return chain;
  }

  private static Process startChild(Map<String, String> env, int port) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = Files.createTempFile("tern-crash-", ".log");
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "io.tern.Main")
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    builder.environment().put("TERN_HTTP_PORT", Integer.toString(port));
    builder.environment().put("TERN_HTTP_HOST", "127.0.0.1");
    return builder.start();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
