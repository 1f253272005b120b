package io.tern.account;

import static io.tern.testing.ApiClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.Gateway;
import io.tern.bus.Addresses;
import io.tern.config.TernConfig;
import io.tern.testing.ApiClient;
import io.tern.testing.ClusteredPod;
import io.tern.testing.Eventually;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two clustered pods on one schema: a sender's queue lives on the pod that owns its shard, and
 * the other pod answers for it all the same (the count comes from the store). The per-sender
 * gauges, which come from the queues, show on the owner only, so a scrape of every pod never
 * counts a sender twice.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
class SenderQueueInClusterTest {
  private static final String ACCOUNT = "AC" + "5e0de4".repeat(5) + "00";
  private static final String TOKEN = "sender-queue-cluster-token-012345";
  private static final int SHARDS = 2;
  private static final String SCHEMA = TestGateway.uniqueSchema("sender_queue_cluster");

  private static Vertx vertxA;
  private static Vertx vertxB;
  private static Gateway podA;
  private static Gateway podB;
  private static ApiClient apiA;
  private static ApiClient apiB;

  @BeforeAll
  static void startPods(Vertx vertx, VertxTestContext testContext) {
    // One pod joins at a time here: no need to wait for others starting with it.
    System.setProperty("hazelcast.wait.seconds.before.join", "1");
    int hazelcastA = freePort();
    int hazelcastB = freePort();
    String members = "127.0.0.1:" + hazelcastA + ",127.0.0.1:" + hazelcastB;
    TernConfig configA = TestGateway.config(env(hazelcastA, members));
    TernConfig configB = TestGateway.config(env(hazelcastB, members));
    ClusteredPod.start(configA, null)
        .compose(a -> {
          vertxA = a.vertx();
          podA = a.gateway();
          return ClusteredPod.start(configB, null);
        })
        .onComplete(testContext.succeeding(b -> {
          vertxB = b.vertx();
          podB = b.gateway();
          apiA = new ApiClient(WebClient.create(vertx), podA.port(), ACCOUNT, TOKEN);
          apiB = new ApiClient(WebClient.create(vertx), podB.port(), ACCOUNT, TOKEN);
          testContext.completeNow();
        }));
  }

  private static Map<String, String> env(int hazelcastPort, String members) {
    Map<String, String> env = new HashMap<>(TestGateway.postgres(SCHEMA));
    env.put("TERN_ACCOUNT_SID", ACCOUNT);
    env.put("TERN_AUTH_TOKEN", TOKEN);
    env.put("TERN_THROTTLE_SHARDS", Integer.toString(SHARDS));
    // A sender's first message holds it 100 s: what follows stays queued for the whole test.
    env.put("TERN_THROTTLE_RATES_US_CA_LONG_CODE", "0.01");
    env.put("TERN_CLUSTER_ENABLED", "true");
    env.put("TERN_CLUSTER_HOST", "127.0.0.1");
    env.put("TERN_CLUSTER_PORT", Integer.toString(hazelcastPort));
    env.put("TERN_CLUSTER_EVENT_BUS_PORT", "0");
    env.put("TERN_CLUSTER_MEMBERS", members);
    env.put("TERN_CLUSTER_CHECK_MILLIS", "500");
    return env;
  }

  @AfterAll
  static void stopPods(VertxTestContext testContext) {
    Future<Void> b = podB == null ? Future.succeededFuture() : podB.stop().transform(x -> vertxB.close());
    b.transform(x -> podA == null ? Future.succeededFuture() : podA.stop().transform(y -> vertxA.close()))
        .onComplete(done -> testContext.completeNow());
  }

  @Test
  void bothPodsAnswerForAQueueThatLivesOnOneOfThem(Vertx vertx, VertxTestContext testContext) {
    Eventually.poll(vertx, () -> Future.succeededFuture(List.of(podA.ownedShards(), podB.ownedShards())),
            owned -> owned.get(0).size() == 1 && owned.get(1).size() == 1, 30_000)
        .compose(split -> {
          String sender = IntStream.range(0, 100)
              .mapToObj(n -> String.format("+1415555%04d", 400 + n))
              .filter(number -> podA.ownedShards().contains(Addresses.shardOf(number, SHARDS)))
              .findFirst().orElseThrow();
          return apiA.post("/2010-04-01/Accounts/" + ACCOUNT + "/IncomingPhoneNumbers.json",
                  form("PhoneNumber", sender))
              .compose(registered -> send(apiA, sender))
              .compose(first -> Eventually.poll(vertx, () -> apiA.get(messagePath(first)),
                  fetched -> List.of("sent", "delivered").contains(fetched.bodyAsJsonObject().getString("status")),
                  20_000))
              // Posted to pod B: routed over the cluster to pod A's shard, where they wait.
              .compose(sent -> send(apiB, sender))
              .compose(second -> send(apiB, sender))
              .compose(third -> Future.all(List.of(apiA.get(queue(sender)), apiB.get(queue(sender)),
                  Eventually.poll(vertx, () -> scrape(apiA),
                      text -> text.contains("tern_throttle_sender_queued_messages{sender=\"" + sender + "\"} 2.0"),
                      10_000),
                  scrape(apiB))))
              .map(answers -> Map.entry(sender, answers));
        })
        .onComplete(testContext.succeeding(result -> testContext.verify(() -> {
          String sender = result.getKey();
          for (int pod = 0; pod < 2; pod++) {
            HttpResponse<Buffer> answer = result.getValue().resultAt(pod);
            assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
            JsonObject json = answer.bodyAsJsonObject();
            assertThat(json.getString("sender")).isEqualTo(sender);
            assertThat(json.getLong("queued_messages")).as("pod %d", pod).isEqualTo(2);
            assertThat(json.getLong("queued_segments")).isEqualTo(2);
            assertThat(json.getLong("estimated_drain_seconds")).isEqualTo(200);
          }
          String scrapeB = result.getValue().resultAt(3);
          assertThat(scrapeB).doesNotContain("sender=\"" + sender + "\"");
          testContext.completeNow();
        })));
  }

  private static Future<String> send(ApiClient api, String sender) {
    return api.post("/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json",
            form("To", "+14155550130", "From", sender, "Body", "queued"))
        .map(created -> {
          assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
          return created.bodyAsJsonObject().getString("sid");
        });
  }

  private static Future<String> scrape(ApiClient api) {
    return api.get("/metrics").map(HttpResponse::bodyAsString);
  }

  private static String messagePath(String sid) {
    return "/2010-04-01/Accounts/" + ACCOUNT + "/Messages/" + sid + ".json";
  }

  private static String queue(String sender) {
    return "/2010-04-01/Accounts/" + ACCOUNT + "/Tern/Senders/" + sender + "/Queue.json";
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
