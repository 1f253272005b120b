package io.tern.carrier.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.Gateway;
import io.tern.testing.ApiClient;
import io.tern.testing.Eventually;
import io.tern.testing.RecordingHttpServer;
import io.tern.testing.RecordingHttpServer.CannedResponse;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Handsets' messages from the SMSC to the application: a plain deliver_sm and a long one in two
 * UDH parts (the second first) each become one stored inbound message and one webhook request.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class SmppInboundTest {
  private static final String NUMBER = "+14155550100";
  private static final String HANDSET = "+14155550199";
  private static final String FIRST = "This long message comes in two parts, ";
  private static final String SECOND = "and the second one is delivered first.";
  private TestSmsc smsc;
  private Gateway gateway;
  private RecordingHttpServer app;

  @AfterEach
  void stop(VertxTestContext ctx) throws Exception {
    Future.all(gateway == null ? Future.succeededFuture() : gateway.stop(),
            app == null ? Future.succeededFuture() : app.close())
        .onComplete(ctx.succeedingThenComplete());
    smsc.close();
  }

  @Test
  void aPlainAndALongMessageFromAHandsetReachTheWebhookOnceEach(Vertx vertx, VertxTestContext ctx) throws Exception {
    smsc = TestSmsc.start();
    Map<String, String> env = SmppGateways.env(smsc, TestGateway.uniqueSchema("smpp_inbound"));
    RecordingHttpServer.start(vertx, request -> new CannedResponse(204, ""))
        .compose(server -> {
          app = server;
          return TestGateway.start(vertx, env, Clock.systemUTC(), null);
        })
        .compose(started -> {
          gateway = started;
          ApiClient api = new ApiClient(WebClient.create(vertx), started.port(), SmppGateways.ACCOUNT, SmppGateways.TOKEN);
          return SmppGateways.register(api, NUMBER, Map.of("SmsUrl", app.baseUrl() + "/sms"))
              .compose(registered -> Eventually.poll(vertx, () -> Future.succeededFuture(smsc.binds()), b -> b >= 1, 20_000))
              .compose(bound -> vertx.executeBlocking(() -> {
                String from = HANDSET.substring(1);
                String to = NUMBER.substring(1);
                smsc.deliver(from, to, 0, (byte) 0, "Hello Tern".getBytes(StandardCharsets.US_ASCII));
                smsc.deliver(from, to, 0, (byte) 0x40, udh(0x2A, 2, 2, SECOND));
                smsc.deliver(from, to, 0, (byte) 0x40, udh(0x2A, 2, 1, FIRST));
                return null;
              }))
              .compose(delivered -> Eventually.poll(vertx, () -> Future.succeededFuture(app.requests()),
                  requests -> requests.size() >= 2, 20_000))
              .compose(requests -> SmppGateways.acknowledged(vertx, smsc, 3).map(requests))
              .compose(requests -> api.get(SmppGateways.MESSAGES + "?To=" + NUMBER.replace("+", "%2B"))
                  .map(listed -> Map.entry(requests, listed.bodyAsJsonObject().getJsonArray("messages"))));
        })
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          List<RecordingHttpServer.RecordedRequest> requests = result.getKey();
          assertThat(requests).hasSize(2).allSatisfy(request -> {
            assertThat(request.path()).isEqualTo("/sms");
            assertThat(request.form().get("From")).containsExactly(HANDSET);
            assertThat(request.form().get("To")).containsExactly(NUMBER);
          });
          assertThat(requests).extracting(r -> r.form().get("Body").get(0))
              .containsExactlyInAnyOrder("Hello Tern", FIRST + SECOND);
          JsonArray stored = result.getValue();
          assertThat(stored.stream().map(JsonObject.class::cast).filter(m -> m.getString("direction").equals("inbound"))
              .map(m -> m.getString("body")).toList())
              .containsExactlyInAnyOrder("Hello Tern", FIRST + SECOND);
          // Three deliver_sm, each acknowledged once, none refused.
          assertThat(smsc.delivered()).hasSize(3);
          assertThat(smsc.refusedDeliveries()).isZero();
          ctx.completeNow();
        })));
  }

  private static byte[] udh(int reference, int total, int part, String text) {
    byte[] body = text.getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = new byte[6 + body.length];
    System.arraycopy(new byte[] {5, 0, 3, (byte) reference, (byte) total, (byte) part}, 0, bytes, 0, 6);
    System.arraycopy(body, 0, bytes, 6, body.length);
    return bytes;
  }
}
