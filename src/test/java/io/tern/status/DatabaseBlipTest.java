package io.tern.status;

import static io.tern.testing.ApiClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.Gateway;
import io.tern.testing.ApiClient;
import io.tern.testing.Eventually;
import io.tern.testing.RecordingHttpServer;
import io.tern.testing.RecordingHttpServer.CannedResponse;
import io.tern.testing.TcpProxy;
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
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PostgreSQL drops out from under a gateway with messages on their way, and comes back: every
 * message accepted before, during and after reaches {@code delivered} with its {@code sent} and
 * {@code delivered} callbacks, without a restart, and the API answers 503 with
 * {@code Retry-After} while the store is out of reach. The gateway reaches the database through
 * a relay on loopback that the test cuts (open connections drop, new ones are closed at once).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
class DatabaseBlipTest {
  private static final String SENDER = "+14155550100";
  private static final int BEFORE = 40;
  private static final int AFTER = 20;

  @Test
  void nothingAcceptedStaysOnItsWayAfterTheDatabaseComesBack(Vertx vertx, VertxTestContext ctx) {
    URI database = URI.create(TestGateway.DATABASE_URL.replaceFirst("^postgresql:", "http:"));
    List<String> sids = new CopyOnWriteArrayList<>();
    Outage outage = new Outage();

    Future.all(TcpProxy.start(vertx, database.getHost(), database.getPort()),
            RecordingHttpServer.start(vertx, request -> new CannedResponse(200, "")))
        .compose(started -> {
          TcpProxy proxy = started.resultAt(0);
          RecordingHttpServer receiver = started.resultAt(1);
          String throughProxy = TestGateway.DATABASE_URL.replace(
              database.getHost() + ":" + database.getPort(), "127.0.0.1:" + proxy.port());
          Map<String, String> env = Map.of(
              "TERN_DATABASE_URL", throughProxy,
              "TERN_DATABASE_SCHEMA", TestGateway.uniqueSchema("blip"),
              "TERN_THROTTLE_RATES_US_CA_LONG_CODE", "100",
              "TERN_CARRIER_SIMULATED_DELIVERY_REPORT_DELAY_MILLIS", "200");
          return TestGateway.start(vertx, env, Clock.systemUTC(), null).compose(gateway -> {
            ApiClient api = ApiClient.as(WebClient.create(vertx), gateway, gateway.mainAccount());
            String messages = "/2010-04-01/Accounts/" + gateway.mainAccount().sid() + "/Messages.json";
            String callback = receiver.baseUrl() + "/status";
            return api.post("/2010-04-01/Accounts/" + gateway.mainAccount().sid()
                    + "/IncomingPhoneNumbers.json", Map.of("PhoneNumber", SENDER))
                .compose(registered -> create(api, messages, callback, BEFORE, sids))
                .compose(created -> {
                  // Cut while the carrier's answers and reports for those are still coming.
                  proxy.cut();
                  return Eventually.poll(vertx, () -> api.post(messages, form("To", "+14155550123",
                          "From", SENDER, "Body", "during the outage", "StatusCallback", callback)),
                      refused -> refused.statusCode() == 503, 10_000);
                })
                .compose(refused -> {
                  outage.refused = refused;
                  return vertx.timer(1_500);
                })
                .compose(waited -> {
                  proxy.restore();
                  return Eventually.poll(vertx, () -> create(api, messages, callback, 1, sids),
                      created -> true, 10_000);
                })
                .compose(back -> create(api, messages, callback, AFTER - 1, sids))
                .compose(all -> Eventually.poll(vertx, () -> statuses(api, messages, sids),
                    statuses -> statuses.values().stream().allMatch("delivered"::equals), 40_000))
                .compose(delivered -> Eventually.poll(vertx, () -> Future.succeededFuture(
                        callbacksBySid(receiver)),
                    bySid -> sids.stream().allMatch(sid -> bySid.getOrDefault(sid, Set.of())
                        .containsAll(Set.of("sent", "delivered"))), 20_000))
                .compose(callbacks -> gateway.components().lifecycle().backlog()
                    .map(backlog -> {
                      outage.backlogAfter = backlog.size();
                      return callbacks;
                    }))
                .eventually(gateway::stop);
          }).eventually(proxy::close).eventually(receiver::close);
        })
        .onComplete(ctx.succeeding(callbacks -> ctx.verify(() -> {
          assertThat(sids).hasSize(BEFORE + AFTER).doesNotHaveDuplicates();
          HttpResponse<Buffer> refused = outage.refused;
          assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
          JsonObject error = refused.bodyAsJsonObject();
          assertThat(error.getInteger("code")).isEqualTo(20503);
          assertThat(error.getInteger("status")).isEqualTo(503);
          assertThat(outage.backlogAfter).as("senders with messages queued or sending").isZero();
          ctx.completeNow();
        })));
  }

  /** What the outage answered, and what was left on its way at the end. */
  private static final class Outage {
    HttpResponse<Buffer> refused;
    int backlogAfter = -1;
  }

  private static Future<List<String>> create(ApiClient api, String messages, String callback,
      int count, List<String> sids) {
    // Ten at a time: several inserts share a batch, and several are in flight when it is cut.
    Future<List<String>> chain = Future.succeededFuture(sids);
    for (int round = 0; round < count; round += 10) {
      int size = Math.min(10, count - round);
      chain = chain.compose(so -> Future.all(IntStream.range(0, size)
              .mapToObj(n -> api.post(messages, form("To", "+14155550123", "From", SENDER,
                  "Body", "blip " + n, "StatusCallback", callback))
                  .map(response -> {
                    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
                    return response.bodyAsJsonObject().getString("sid");
                  }))
              .toList())
          .map(created -> {
            sids.addAll(created.<String>list());
            return sids;
          }));
    }
    return chain;
  }

  private static Future<Map<String, String>> statuses(ApiClient api, String messages, List<String> sids) {
    String path = messages.replace(".json", "/");
    return Future.all(sids.stream().map(sid -> api.get(path + sid + ".json")
            .map(response -> response.bodyAsJsonObject())).toList())
        .map(all -> all.<JsonObject>list().stream()
            .collect(Collectors.toMap(m -> m.getString("sid"), m -> m.getString("status"))));
  }

  private static Map<String, Set<String>> callbacksBySid(RecordingHttpServer receiver) {
    return receiver.requests().stream()
        .collect(Collectors.groupingBy(request -> request.form().get("MessageSid").get(0),
            Collectors.mapping(request -> request.form().get("MessageStatus").get(0),
                Collectors.toSet())));
  }
}
