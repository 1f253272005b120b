package io.tern.carrier.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.Gateway;
import io.tern.testing.ApiClient;
import io.tern.testing.Eventually;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A gateway process ({@code java io.tern.Main}) killed with SIGKILL while the SMSC still owes
 * it receipts: the SMSC keeps them and delivers them to the gateway started next on the same
 * database, which matches them through the store. Nothing is submitted again.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
class SmppCrashTest {
  private static final String FROM = "+14155550100";
  private static final String TO = "+14155550160";
  private TestSmsc smsc;
  private Process child;
  private Gateway successor;

  @AfterEach
  void cleanUp(VertxTestContext ctx) throws Exception {
    if (child != null) {
      child.destroyForcibly();
    }
    (successor == null ? Future.<Void>succeededFuture() : successor.stop()).onComplete(ctx.succeedingThenComplete());
    smsc.close();
  }

  @Test
  void receiptsOwedToAKilledGatewayAreMatchedAfterTheRestart(Vertx vertx, VertxTestContext ctx) throws Exception {
    smsc = TestSmsc.start().holdReceipts(true);
    Map<String, String> env = SmppGateways.env(smsc, TestGateway.uniqueSchema("smpp_crash"));
    int port = freePort();
    child = startChild(env, port);
    ApiClient first = new ApiClient(WebClient.create(vertx), port, SmppGateways.ACCOUNT, SmppGateways.TOKEN);
    List<String> bodies = IntStream.range(0, 4).mapToObj(i -> "before the kill " + i).toList();
    List<String> sessionsBefore = new java.util.ArrayList<>();

    Eventually.poll(vertx, () -> first.get(SmppGateways.MESSAGES).map(r -> r.statusCode()).otherwise(0),
            status -> status == 200, 60_000)
        .compose(up -> SmppGateways.register(first, FROM, Map.of()))
        .compose(registered -> SmppGateways.send(first, FROM, TO, bodies))
        .compose(sids -> SmppGateways.allReach(vertx, first, sids, "sent", 30_000).map(sids))
        .compose(sids -> {
          smsc.received().forEach(r -> sessionsBefore.add(r.sessionId()));
          child.destroyForcibly();
          return vertx.executeBlocking(() -> child.waitFor(10, TimeUnit.SECONDS))
              .map(gone -> {
                // Owed, and now free to go to whichever bind comes up next.
                assertThat(smsc.delivered()).isEmpty();
                smsc.holdReceipts(false);
                return sids;
              });
        })
        .compose(sids -> TestGateway.start(vertx, env, Clock.systemUTC(), null).compose(started -> {
          successor = started;
          ApiClient second = new ApiClient(WebClient.create(vertx), started.port(), SmppGateways.ACCOUNT, SmppGateways.TOKEN);
          return SmppGateways.allReach(vertx, second, sids, "delivered", 30_000)
              // The SMSC counts a receipt once it has Tern's answer, which follows the commit.
              .compose(delivered -> SmppGateways.acknowledged(vertx, smsc, bodies.size()).map(delivered));
        }))
        .onComplete(ctx.succeeding(statuses -> ctx.verify(() -> {
          assertThat(statuses).hasSize(bodies.size());
          // Submitted once each, by the killed gateway; reported to the successor's bind.
          assertThat(smsc.received()).hasSize(bodies.size());
          assertThat(smsc.delivered()).hasSize(bodies.size())
              .allSatisfy(receipt -> assertThat(sessionsBefore).doesNotContain(receipt.sessionId()));
          assertThat(smsc.binds()).isEqualTo(2);
          ctx.completeNow();
        })));
  }

  private static Process startChild(Map<String, String> env, int port) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = Files.createTempFile("tern-smpp-crash-", ".log");
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.tern.Main")
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
