package io.tern.carrier.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.Gateway;
import io.tern.carrier.smpp.TestSmsc.Script;
import io.tern.testing.ApiClient;
import io.tern.testing.Eventually;
import io.tern.testing.RecordingHttpServer;
import io.tern.testing.RecordingHttpServer.CannedResponse;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A message through the whole gateway on PostgreSQL, over HTTP, to the test SMSC and back. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class SmppGatewayTest {
  private static final String FROM = "+14155550100";
  private TestSmsc smsc;
  private Gateway gateway;
  private RecordingHttpServer callbacks;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) throws Exception {
    smsc = TestSmsc.start()
        .script("+14155550123", Script.accept().ids(TestSmsc.IdForm.HEX_THEN_DECIMAL))
        .script("+14155550124", Script.accept().undelivered("UNDELIV", 1))
        .script("+14155550125", Script.accept().refuse(0x0B));
    Map<String, String> env = new HashMap<>(TestGateway.postgres(TestGateway.uniqueSchema("smpp_gateway")));
    env.put("TERN_CARRIER_TYPE", "smpp");
    env.put("TERN_CARRIER_SMPP_HOST", "127.0.0.1");
    env.put("TERN_CARRIER_SMPP_PORT", Integer.toString(smsc.port()));
    env.put("TERN_CARRIER_SMPP_SYSTEM_ID", "tern");
    env.put("TERN_CARRIER_SMPP_PASSWORD", "secret");
    RecordingHttpServer.start(vertx, request -> new CannedResponse(204, ""))
        .compose(server -> {
          callbacks = server;
          return TestGateway.start(vertx, env, java.time.Clock.systemUTC(), null);
        })
        .onSuccess(started -> gateway = started)
        .onComplete(ctx.succeedingThenComplete());
  }

  @AfterEach
  void stop(VertxTestContext ctx) throws Exception {
    Future.all(gateway == null ? Future.succeededFuture() : gateway.stop(),
            callbacks == null ? Future.succeededFuture() : callbacks.close())
        .onComplete(ctx.succeedingThenComplete());
    smsc.close();
  }

  @Test
  void messagesGoSentThenDeliveredOrUndeliveredWithCallbacksAndRefusalsFail(Vertx vertx, VertxTestContext ctx) {
    ApiClient api = ApiClient.as(WebClient.create(vertx), gateway, gateway.mainAccount());
    String messages = "/2010-04-01/Accounts/" + gateway.mainAccount().sid() + "/Messages.json";
    api.post("/2010-04-01/Accounts/" + gateway.mainAccount().sid() + "/IncomingPhoneNumbers.json",
            Map.of("PhoneNumber", FROM))
        .compose(number -> Future.all(List.of(
            send(api, messages, "+14155550123"), send(api, messages, "+14155550124"),
            send(api, messages, "+14155550125"))))
        .compose(sent -> Future.all(List.of(
            finalStatus(vertx, api, messages, sent.resultAt(0)),
            finalStatus(vertx, api, messages, sent.resultAt(1)),
            finalStatus(vertx, api, messages, sent.resultAt(2)))))
        .compose(finals -> Eventually.poll(vertx, () -> Future.succeededFuture(callbacks.requests()),
            requests -> requests.size() >= 5, 20_000).map(requests -> finals))
        .onComplete(ctx.succeeding(finals -> ctx.verify(() -> {
          JsonObject delivered = finals.resultAt(0);
          assertThat(delivered.getString("status")).isEqualTo("delivered");
          assertThat(delivered.getValue("error_code")).isNull();
          JsonObject undelivered = finals.resultAt(1);
          assertThat(undelivered.getString("status")).isEqualTo("undelivered");
          assertThat(undelivered.getInteger("error_code")).isEqualTo(30005);
          JsonObject failed = finals.resultAt(2);
          assertThat(failed.getString("status")).isEqualTo("failed");
          assertThat(failed.getInteger("error_code")).isEqualTo(30005);
          assertThat(smsc.received()).hasSize(3);
          assertThat(callbacks.requests()).extracting(r -> r.form().get("MessageStatus").get(0))
              .containsExactlyInAnyOrder("sent", "delivered", "sent", "undelivered", "failed");
          ctx.completeNow();
        })));
  }

  private Future<String> send(ApiClient api, String messages, String to) {
    return api.post(messages, Map.of("From", FROM, "To", to, "Body", "Hello over SMPP",
            "StatusCallback", callbacks.baseUrl() + "/status"))
        .map(response -> {
          assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
          return response.bodyAsJsonObject().getString("sid");
        });
  }

  private Future<JsonObject> finalStatus(Vertx vertx, ApiClient api, String messages, String sid) {
    String one = messages.replace("Messages.json", "Messages/" + sid + ".json");
    return Eventually.poll(vertx, () -> api.get(one).map(r -> r.bodyAsJsonObject()),
        json -> List.of("delivered", "undelivered", "failed").contains(json.getString("status")), 20_000);
  }
}
