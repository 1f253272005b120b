package io.tern.carrier.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.Gateway;
import io.tern.carrier.smpp.TestSmsc.Route;
import io.tern.config.TernConfig;
import io.tern.testing.ApiClient;
import io.tern.testing.ClusteredPod;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two clustered pods on one database, each with its own bind to one SMSC, which sends every
 * receipt on the bind that did not submit the message: the other pod matches it through the store.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
class SmppTwoPodsTest {
  private static final String FROM = "+14155550100";
  private static final String TO = "+14155550150";
  private TestSmsc smsc;
  private Vertx vertxA;
  private Vertx vertxB;
  private Gateway podA;
  private Gateway podB;

  @AfterEach
  void stop(VertxTestContext ctx) throws Exception {
    Future<Void> a = podA == null ? Future.succeededFuture() : podA.stop().transform(done -> vertxA.close());
    Future<Void> b = podB == null ? Future.succeededFuture() : podB.stop().transform(done -> vertxB.close());
    Future.join(a, b).onComplete(done -> ctx.completeNow());
    smsc.close();
  }

  @Test
  void aReceiptOnTheOtherPodsBindIsMatchedThroughTheStore(Vertx vertx, VertxTestContext ctx) throws Exception {
    System.setProperty("hazelcast.wait.seconds.before.join", "1");
    smsc = TestSmsc.start().receiptsTo(Route.OTHER);
    String schema = TestGateway.uniqueSchema("smpp_pods");
    int hazelcastA = freePort();
    int hazelcastB = freePort();
    String members = "127.0.0.1:" + hazelcastA + ",127.0.0.1:" + hazelcastB;
    TernConfig configA = TestGateway.config(env(schema, hazelcastA, members));
    TernConfig configB = TestGateway.config(env(schema, hazelcastB, members));
    List<String> bodies = IntStream.range(0, 8).mapToObj(i -> "two pods " + i).toList();

    ClusteredPod.start(configA, null)
        .compose(a -> {
          vertxA = a.vertx();
          podA = a.gateway();
          return ClusteredPod.start(configB, null);
        })
        .compose(b -> {
          vertxB = b.vertx();
          podB = b.gateway();
          // Both binds up before the first submit, so every receipt has another bind to go to.
          return Eventually.poll(vertx, () -> Future.succeededFuture(smsc.binds()), n -> n >= 2, 30_000);
        })
        .compose(bound -> {
          ApiClient api = new ApiClient(WebClient.create(vertx), podA.port(), SmppGateways.ACCOUNT, SmppGateways.TOKEN);
          return SmppGateways.register(api, FROM, Map.of())
              .compose(registered -> SmppGateways.send(api, FROM, TO, bodies))
              .compose(sids -> SmppGateways.allReach(vertx, api, sids, "delivered", 60_000))
              // The SMSC counts a receipt once it has Tern's answer, which follows the commit.
              .compose(delivered -> SmppGateways.acknowledged(vertx, smsc, bodies.size()).map(delivered));
        })
        .onComplete(ctx.succeeding(statuses -> ctx.verify(() -> {
          assertThat(statuses).hasSize(bodies.size());
          assertThat(smsc.received()).hasSize(bodies.size());
          List<TestSmsc.Delivered> receipts = smsc.delivered().stream().filter(TestSmsc.Delivered::receipt).toList();
          assertThat(receipts).hasSize(bodies.size())
              .allSatisfy(r -> assertThat(r.sessionId()).isNotEqualTo(r.origin()));
          assertThat(smsc.binds()).isEqualTo(2);
          ctx.completeNow();
        })));
  }

  private Map<String, String> env(String schema, int hazelcastPort, String members) {
    Map<String, String> env = SmppGateways.env(smsc, schema);
    env.put("TERN_THROTTLE_SHARDS", "4");
    env.put("TERN_CLUSTER_ENABLED", "true");
    env.put("TERN_CLUSTER_HOST", "127.0.0.1");
    env.put("TERN_CLUSTER_PORT", Integer.toString(hazelcastPort));
    env.put("TERN_CLUSTER_EVENT_BUS_PORT", "0");
    env.put("TERN_CLUSTER_MEMBERS", members);
    env.put("TERN_CLUSTER_CHECK_MILLIS", "500");
    return env;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
