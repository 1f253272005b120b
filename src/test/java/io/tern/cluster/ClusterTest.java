package io.tern.cluster;

import static io.tern.testing.ApiClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.Gateway;
import io.tern.bus.Addresses;
import io.tern.carrier.SubmissionLog;
import io.tern.config.TernConfig;
import io.tern.message.Message;
import io.tern.message.MessageFixture;
import io.tern.message.MessageStatus;
import io.tern.store.pg.PgStores;
import io.tern.testing.ApiClient;
import io.tern.testing.ClusteredPod;
import io.tern.testing.Eventually;
import io.tern.testing.RecordingHttpServer;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.pgclient.PgConnection;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two clustered gateways on one schema, as two pods on one database: Hazelcast on 127.0.0.1
 * with TCP-IP join, real PostgreSQL, real HTTP. The pods start once for the class (Hazelcast
 * starts slowly) and the tests run in order: the shards split, one sender posted to both pods
 * is sent once per message at its own rate, a callback is posted once, when pod B dies (its
 * Hazelcast member and its lock session end without a hand-back) pod A takes its shards, sends
 * again what B left {@code sending} and sends what B had queued, and a third pod that joins
 * and then stops gracefully takes half the shards and hands them back without a double send.
 * Through a fourth pod's join and stop, senders of 4-segment messages keep their pace across
 * both hand-overs.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {
  private static final String ACCOUNT = "AC" + "c1a55e".repeat(5) + "00";
  private static final String TOKEN = "cluster-test-token-0123456789abcd";
  private static final int SHARDS = 8;
  /** Pod B's carrier answers this late: what B sends stays {@code sending} until it dies. */
  private static final long B_SUBMIT_LATENCY_MILLIS = 25_000;
  private static final String SCHEMA = TestGateway.uniqueSchema("cluster");
  /** GSM-7, 600 characters: 4 segments of at most 153. */
  private static final String FOUR_SEGMENTS = "pace ".repeat(120);
  private static final int PACED_MESSAGES = 6;

  private static final SubmissionLog LOG_A = new SubmissionLog();
  private static final SubmissionLog LOG_B = new SubmissionLog();
  private static final SubmissionLog LOG_C = new SubmissionLog();
  private static final SubmissionLog LOG_D = new SubmissionLog();
  private static int hazelcastA;
  private static Vertx vertxC;
  private static Gateway podC;
  private static Vertx vertxD;
  private static Gateway podD;
  private static Vertx vertxA;
  private static Vertx vertxB;
  private static Gateway podA;
  private static Gateway podB;
  private static ApiClient apiA;
  private static ApiClient apiB;
  private static final Set<String> registered = new HashSet<>();

  @BeforeAll
  static void startPods(Vertx vertx, VertxTestContext testContext) {
    // A joining member waits 5 s by default for others that may start with it; one pod joins
    // at a time here. (Read by Hazelcast as a system property; Tern's own settings do not set it.)
    System.setProperty("hazelcast.wait.seconds.before.join", "1");
    hazelcastA = freePort();
    int hazelcastB = freePort();
    String members = members(hazelcastB);
    TernConfig configA = TestGateway.config(env(hazelcastA, members, 20));
    TernConfig configB = TestGateway.config(env(hazelcastB, members, B_SUBMIT_LATENCY_MILLIS));
    // One after the other: the second finds the first's cluster and its main account.
    ClusteredPod.start(configA, LOG_A)
        .compose(a -> {
          vertxA = a.vertx();
          podA = a.gateway();
          return ClusteredPod.start(configB, LOG_B);
        })
        .onComplete(testContext.succeeding(b -> {
          vertxB = b.vertx();
          podB = b.gateway();
          apiA = new ApiClient(WebClient.create(vertx), podA.port(), ACCOUNT, TOKEN);
          apiB = new ApiClient(WebClient.create(vertx), podB.port(), ACCOUNT, TOKEN);
          testContext.completeNow();
        }));
  }

  /** Pod A's member address and the newcomer's: whoever starts second finds the first. */
  private static String members(int hazelcastPort) {
    return "127.0.0.1:" + hazelcastA + ",127.0.0.1:" + hazelcastPort;
  }

  private static Map<String, String> env(int hazelcastPort, String members, long submitLatency) {
    Map<String, String> env = new HashMap<>(TestGateway.postgres(SCHEMA));
    env.put("TERN_ACCOUNT_SID", ACCOUNT);
    env.put("TERN_AUTH_TOKEN", TOKEN);
    env.put("TERN_THROTTLE_SHARDS", Integer.toString(SHARDS));
    env.put("TERN_CARRIER_SIMULATED_SUBMIT_LATENCY_MILLIS", Long.toString(submitLatency));
    env.put("TERN_CARRIER_SIMULATED_DELIVERY_REPORT_DELAY_MILLIS", "50");
    env.put("TERN_CALLBACKS_POLL_MILLIS", "200");
    env.put("TERN_CLUSTER_ENABLED", "true");
    env.put("TERN_CLUSTER_HOST", "127.0.0.1");
    env.put("TERN_CLUSTER_PORT", Integer.toString(hazelcastPort));
    // Two pods on one host: each event bus on a free port of its own.
    env.put("TERN_CLUSTER_EVENT_BUS_PORT", "0");
    env.put("TERN_CLUSTER_MEMBERS", members);
    env.put("TERN_CLUSTER_CHECK_MILLIS", "500");
    return env;
  }

  @AfterAll
  static void stopPods(Vertx vertx, VertxTestContext testContext) {
    Future<Void> a = podA == null ? Future.succeededFuture()
        : podA.stop().transform(stopped -> vertxA.close());
    // Pod B was killed: its Vert.x is closed without waiting (its carrier still owes answers).
    if (vertxB != null) {
      vertxB.close();
    }
    if (podC != null) {
      podC.stop().onComplete(stopped -> vertxC.close());
    }
    if (podD != null) {
      podD.stop().onComplete(stopped -> vertxD.close());
    }
    a.transform(stopped -> PgConnection.connect(vertx, PgStores.connectOptions(TestGateway.DATABASE_URL, "public")))
        .compose(connection -> connection.query("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE").execute()
            .eventually(connection::close))
        .onComplete(done -> testContext.completeNow());
  }

  @Test
  @Order(1)
  void thePodsSplitTheShardsEvenlyAndNoShardHasTwoOwners(Vertx vertx, VertxTestContext testContext) {
    Eventually.poll(vertx, () -> Future.succeededFuture(List.of(podA.ownedShards(), podB.ownedShards())),
            owned -> owned.get(0).size() == SHARDS / 2 && owned.get(1).size() == SHARDS / 2, 30_000)
        .compose(owned -> Future.all(apiA.get("/metrics"), apiB.get("/metrics"))
            .map(scrapes -> {
              testContext.verify(() -> {
                String a = scrapes.<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>>resultAt(0).bodyAsString();
                String b = scrapes.<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>>resultAt(1).bodyAsString();
                assertThat(a).containsPattern("(?m)^tern_cluster_owned_shards(\\{[^}]*})? 4\\.0$")
                    .containsPattern("(?m)^tern_cluster_singletons(\\{[^}]*})? 1\\.0$");
                assertThat(b).containsPattern("(?m)^tern_cluster_owned_shards(\\{[^}]*})? 4\\.0$")
                    .containsPattern("(?m)^tern_cluster_singletons(\\{[^}]*})? 0\\.0$");
              });
              return owned;
            }))
        .onComplete(testContext.succeeding(owned -> testContext.verify(() -> {
          Set<Integer> all = new HashSet<>(owned.get(0));
          all.addAll(owned.get(1));
          assertThat(all).containsExactlyInAnyOrderElementsOf(IntStream.range(0, SHARDS).boxed().toList());
          assertThat(owned.get(0)).doesNotContainAnyElementsOf(owned.get(1));
          // The singletons stay with the first pod, which took them alone.
          assertThat(podA.runsSingletons()).isTrue();
          assertThat(podB.runsSingletons()).isFalse();
          testContext.completeNow();
        })));
  }

  @Test
  @Order(2)
  void oneSendersMessagesPostedToBothPodsAreSentOnceEachAtItsRate(Vertx vertx, VertxTestContext testContext) {
    // A US long code of a shard pod A owns (pod B's carrier is slow on purpose).
    String sender = senderOwnedBy(podA, 10);
    List<String> sids = new ArrayList<>();
    register(sender)
        .compose(ok -> postAlternately(sender, 6, sids, Map.of()))
        .compose(ok -> waitForStatus(vertx, sids, MessageStatus.DELIVERED::equals))
        .onComplete(testContext.succeeding(stored -> testContext.verify(() -> {
          assertThat(stored).hasSize(6);
          sids.forEach(sid -> assertThat(LOG_A.count(sid) + LOG_B.count(sid)).as(sid).isEqualTo(1));
          // 1 segment per second for the sender across both pods, not per pod.
          List<Instant> released = stored.stream().map(Message::dateSent).sorted().toList();
          for (int i = 1; i < released.size(); i++) {
            assertThat(Duration.between(released.get(i - 1), released.get(i)))
                .as("gap before message %d", i).isGreaterThanOrEqualTo(Duration.ofMillis(999));
          }
          testContext.completeNow();
        })));
  }

  @Test
  @Order(3)
  void aStatusCallbackIsPostedOnceThoughTwoPodsRun(Vertx vertx, VertxTestContext testContext) {
    String sender = senderOwnedBy(podA, 30);
    List<String> sids = new ArrayList<>();
    RecordingHttpServer.start(vertx, request -> RecordingHttpServer.CannedResponse.json(200,
            new io.vertx.core.json.JsonObject()))
        .compose(receiver -> register(sender)
            // Posted to pod B, which does not run the callback sender.
            .compose(ok -> apiB.post(messagesPath(), form("To", "+14155550130", "From", sender,
                "Body", "call me back", "StatusCallback", receiver.baseUrl() + "/status")))
            .compose(created -> {
              sids.add(created.bodyAsJsonObject().getString("sid"));
              return Eventually.poll(vertx, () -> Future.succeededFuture(receiver.requests()),
                  requests -> statusesPosted(requests).contains("delivered"), 30_000);
            })
            // Time for a second callback sender, if there were one, to post again.
            .compose(delivered -> vertx.timer(1_500).map(receiver)))
        .onComplete(testContext.succeeding(receiver -> testContext.verify(() -> {
          assertThat(statusesPosted(receiver.requests())).containsExactly("sent", "delivered");
          receiver.close();
          testContext.completeNow();
        })));
  }

  @Test
  @Order(4)
  void whenAPodDiesTheOtherTakesItsShardsAndSendsWhatItLeft(Vertx vertx, VertxTestContext testContext) {
    String sender = senderOwnedBy(podB, 50);
    // Another of pod B's senders, whose message will be committed but never routed.
    String unrouted = senderOwnedBy(podB, 150);
    int shard = Addresses.shardOf(sender, SHARDS);
    List<String> sids = new ArrayList<>();
    Set<String> sendingAtTheCrash = new HashSet<>();
    register(sender)
        .compose(ok -> postAlternately(sender, 3, sids, Map.of()))
        // Pod B releases the first at once; its carrier keeps it sending.
        .compose(ok -> waitForStatus(vertx, sids.subList(0, 1), MessageStatus.SENDING::equals))
        .compose(sending -> {
          sending.forEach(message -> sendingAtTheCrash.add(message.sid()));
          return kill(vertxB, shard);
        })
        .compose(killed -> takenOver(vertx))
        // Committed after pod A rebuilt B's shards, as if its routing had reached the dead pod
        // (a view of the cluster a moment old): the shard finds it in the store by itself.
        .compose(taken -> podA.components().messages().insert(queuedMessage(unrouted), null))
        .compose(inserted -> {
          sids.add(inserted.sid());
          return waitForStatus(vertx, sids, MessageStatus.DELIVERED::equals);
        })
        .onComplete(testContext.succeeding(stored -> testContext.verify(() -> {
          assertThat(stored).hasSize(4);
          assertThat(sendingAtTheCrash).hasSize(1);
          // Pod A sent each once: the one B left sending (requeued), the two B had queued, and
          // the one never routed.
          sids.forEach(sid -> assertThat(LOG_A.count(sid)).as(sid).isEqualTo(1));
          assertThat(podA.ownedShards()).hasSize(SHARDS);
          assertThat(podA.runsSingletons()).isTrue();
          testContext.completeNow();
        })));
  }

  @Test
  @Order(5)
  void aPodStoppedGracefullyHandsItsShardsBackAndNothingIsSentTwice(Vertx vertx, VertxTestContext testContext) {
    int hazelcastC = freePort();
    TernConfig configC = TestGateway.config(env(hazelcastC, members(hazelcastC), 20));
    List<String> sids = new ArrayList<>();
    ClusteredPod.start(configC, LOG_C)
        .compose(c -> {
          vertxC = c.vertx();
          podC = c.gateway();
          // Pod A hands back half its shards to the newcomer.
          return Eventually.poll(vertx, () -> Future.succeededFuture(List.of(podA.ownedShards(), podC.ownedShards())),
              owned -> owned.get(0).size() == SHARDS / 2 && owned.get(1).size() == SHARDS / 2, 30_000);
        })
        .compose(split -> {
          String sender = senderOwnedBy(podC, 250);
          return register(sender).compose(ok -> postAlternately(sender, 4, sids, Map.of()));
        })
        // The first is sent by pod C; the others wait in its queue (1/s) when it stops.
        .compose(posted -> waitForStatus(vertx, sids.subList(0, 1), MessageStatus.DELIVERED::equals))
        .compose(first -> podC.stop())
        .compose(stopped -> {
          // Handed back before Vert.x leaves the cluster: nothing of pod C runs any more.
          assertThat(podC.ownedShards()).isEmpty();
          assertThat(podC.stillDeployed()).isEmpty();
          return vertxC.close();
        })
        .compose(left -> waitForStatus(vertx, sids, MessageStatus.DELIVERED::equals))
        .onComplete(testContext.succeeding(stored -> testContext.verify(() -> {
          sids.forEach(sid -> assertThat(LOG_A.count(sid) + LOG_C.count(sid)).as(sid).isEqualTo(1));
          assertThat(LOG_C.count(sids.get(0))).isEqualTo(1);
          assertThat(sids.stream().filter(sid -> LOG_A.count(sid) == 1)).isNotEmpty();
          assertThat(podA.ownedShards()).hasSize(SHARDS);
          testContext.completeNow();
        })));
  }

  @Test
  @Order(6)
  void aSendersPaceSurvivesAShardMovingToAJoiningPodAndBack(Vertx vertx, VertxTestContext testContext) {
    // One 1/s sender per shard, all on pod A now, each with 4-segment messages that keep it busy
    // 4 s apiece: half the shards move to pod D when it joins and back when it stops, mid-queue.
    Map<Integer, String> senders = new HashMap<>();
    IntStream.range(500, 700).mapToObj(n -> String.format("+1415555%04d", n))
        .forEach(number -> senders.putIfAbsent(Addresses.shardOf(number, SHARDS), number));
    assertThat(senders).hasSize(SHARDS);
    List<String> sids = new ArrayList<>();
    Future<Void> posted = Future.succeededFuture();
    for (String sender : senders.values()) {
      posted = posted.compose(ok -> register(sender))
          .compose(ok -> postTo(apiA, sender, PACED_MESSAGES, FOUR_SEGMENTS, sids));
    }
    int hazelcastD = freePort();
    TernConfig configD = TestGateway.config(env(hazelcastD, members(hazelcastD), 20));
    posted
        .compose(ok -> ClusteredPod.start(configD, LOG_D))
        .compose(d -> {
          vertxD = d.vertx();
          podD = d.gateway();
          return Eventually.poll(vertx, () -> Future.succeededFuture(sids.stream().anyMatch(sid -> LOG_D.count(sid) > 0)),
              dSent -> dSent, 30_000);
        })
        .compose(dSent -> podD.stop())
        .compose(stopped -> vertxD.close())
        .compose(left -> waitForStatus(vertx, sids, MessageStatus.DELIVERED::equals))
        .onComplete(testContext.succeeding(stored -> testContext.verify(() -> {
          assertThat(stored).hasSize(SHARDS * PACED_MESSAGES)
              .allSatisfy(m -> assertThat(m.numSegments()).isEqualTo(4));
          sids.forEach(sid -> assertThat(LOG_A.count(sid) + LOG_D.count(sid)).as(sid).isEqualTo(1));
          int toD = 0;
          int backToA = 0;
          for (String sender : senders.values()) {
            List<Message> bySend = stored.stream().filter(m -> m.from().equals(sender))
                .sorted(java.util.Comparator.comparing(Message::dateSent)).toList();
            for (int i = 1; i < bySend.size(); i++) {
              Message before = bySend.get(i - 1);
              Message after = bySend.get(i);
              String pods = podOf(before) + "->" + podOf(after);
              toD += pods.equals("A->D") ? 1 : 0;
              backToA += pods.equals("D->A") ? 1 : 0;
              // 1 segment per second: the earlier message's segments in seconds, to the
              // microsecond the store keeps date_sent to.
              assertThat(Duration.between(before.dateSent(), after.dateSent()))
                  .as("%s: gap after message %d (%s)", sender, i - 1, pods)
                  .isGreaterThanOrEqualTo(Duration.ofSeconds(before.numSegments()).minusNanos(1_000));
            }
          }
          // The shards did move mid-queue, both ways.
          assertThat(toD).isPositive();
          assertThat(backToA).isPositive();
          assertThat(podA.ownedShards()).hasSize(SHARDS);
          testContext.completeNow();
        })));
  }

  private static String podOf(Message message) {
    return LOG_D.count(message.sid()) > 0 ? "D" : "A";
  }

  /**
   * A crash as the others see it: B's Hazelcast member stops without leaving, and B's lock
   * session ends (PostgreSQL frees its locks, as when the process dies). Nothing is handed back.
   */
  private static Future<Void> kill(Vertx podVertx, int shardOfPod) {
    HazelcastClusterManager manager = (HazelcastClusterManager) ((VertxInternal) podVertx).clusterManager();
    manager.getHazelcastInstance().getLifecycleService().terminate();
    return PgConnection.connect(vertxA,
            PgStores.connectOptions(TestGateway.DATABASE_URL, SCHEMA))
        .compose(connection -> connection.preparedQuery("""
                SELECT pg_terminate_backend(pid) FROM pg_locks
                WHERE locktype = 'advisory' AND classid::int = $1 AND objsubid = 2 AND objid::int = $2
                """)
            .execute(Tuple.of(AdvisoryLocks.namespaceOf(SCHEMA), shardOfPod))
            .compose(rows -> {
              assertThat(rows.size()).as("pod B's lock session").isEqualTo(1);
              return connection.close();
            }));
  }

  /** Completes as soon as pod A owns every shard, looking every 20 ms. */
  private static Future<Void> takenOver(Vertx vertx) {
    io.vertx.core.Promise<Void> taken = io.vertx.core.Promise.promise();
    long deadline = System.currentTimeMillis() + 45_000;
    vertx.setPeriodic(20, id -> {
      if (podA.ownedShards().size() == SHARDS) {
        vertx.cancelTimer(id);
        taken.tryComplete();
      } else if (System.currentTimeMillis() > deadline) {
        vertx.cancelTimer(id);
        taken.tryFail(new AssertionError("pod A owns only " + podA.ownedShards()));
      }
    });
    return taken.future();
  }

  private static Message queuedMessage(String from) {
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    return MessageFixture.queued(io.tern.message.Sids.generate(io.tern.message.Sids.MESSAGE),
            ACCOUNT, from, now)
        .to("+14155550130")
        .body("never routed")
        .build();
  }

  // Helpers

  /** A US number, not used by another test, whose shard the pod owns now. */
  private static String senderOwnedBy(Gateway pod, int from) {
    Set<Integer> owned = pod.ownedShards();
    return IntStream.range(from, from + 100)
        .mapToObj(n -> String.format("+1415555%04d", n))
        .filter(number -> owned.contains(Addresses.shardOf(number, SHARDS)))
        .findFirst().orElseThrow();
  }

  private static Future<Void> register(String sender) {
    registered.add(sender);
    return apiA.post("/2010-04-01/Accounts/" + ACCOUNT + "/IncomingPhoneNumbers.json",
            Map.of("PhoneNumber", sender))
        .map(response -> {
          assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
          return null;
        });
  }

  private static String messagesPath() {
    return "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
  }

  /** Posts {@code count} messages of the sender to one pod, one after the other. */
  private static Future<Void> postTo(ApiClient api, String sender, int count, String body,
      List<String> sids) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < count; i++) {
      chain = chain.compose(ok -> api.post(messagesPath(),
              form("To", "+14155550130", "From", sender, "Body", body))
          .map(response -> {
            assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
            sids.add(response.bodyAsJsonObject().getString("sid"));
            return null;
          }));
    }
    return chain;
  }

  /** Posts to pod A and pod B in turn, one after the other, and collects the sids. */
  private static Future<Void> postAlternately(String sender, int count, List<String> sids,
      Map<String, String> extra) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < count; i++) {
      ApiClient api = i % 2 == 0 ? apiA : apiB;
      int n = i;
      chain = chain.compose(ok -> api.post(messagesPath(),
              form("To", "+14155550130", "From", sender, "Body", "cluster " + n))
          .map(response -> {
            assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
            sids.add(response.bodyAsJsonObject().getString("sid"));
            return null;
          }));
    }
    return chain;
  }

  /** The messages as stored, once every one has a status the predicate accepts. */
  private static Future<List<Message>> waitForStatus(Vertx vertx, List<String> sids,
      Predicate<MessageStatus> wanted) {
    return Eventually.poll(vertx, () -> podA.components().messages().findBySids(sids),
        found -> found.size() == sids.size() && found.stream().map(Message::status).allMatch(wanted),
        45_000);
  }

  private static List<String> statusesPosted(List<RecordingHttpServer.RecordedRequest> requests) {
    return requests.stream()
        .map(request -> request.form().getOrDefault("MessageStatus", List.of("?")).get(0))
        .collect(Collectors.toList());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
