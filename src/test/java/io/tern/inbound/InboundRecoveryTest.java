package io.tern.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.Gateway;
import io.tern.inbound.WebhookReceiver.Answer;
import io.tern.store.Account;
import io.tern.testing.ApiClient;
import io.tern.testing.DownPort;
import io.tern.testing.Eventually;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The webhook outbox keeps an inbound message through a receiver outage and a gateway restart:
 * received while the application is down, the gateway stopped before it could deliver, the
 * application up again, a new gateway on the same database delivers the webhook, once.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class InboundRecoveryTest {
  private final String schema = TestGateway.uniqueSchema("inbound_recovery");

  private Future<Gateway> gateway(Vertx vertx) {
    Map<String, String> env = new HashMap<>(TestGateway.postgres(schema));
    env.put("TERN_INBOUND_POLL_MILLIS", "100");
    return TestGateway.start(vertx, env, Clock.systemUTC(), null);
  }

  @Test
  void aWebhookNotYetAnsweredIsDeliveredAfterTheRestartOnce(Vertx vertx, VertxTestContext testContext) {
    DownPort appDown = DownPort.reserve();
    int appPort = appDown.port();
    String smsUrl = "http://127.0.0.1:" + appPort + "/sms";
    WebClient web = WebClient.create(vertx);
    AtomicReference<String> sid = new AtomicReference<>();
    AtomicReference<Account> account = new AtomicReference<>();
    AtomicReference<WebhookReceiver> app = new AtomicReference<>();
    AtomicReference<Gateway> second = new AtomicReference<>();

    gateway(vertx).compose(first -> {
          account.set(first.mainAccount());
          ApiClient api = ApiClient.as(web, first, first.mainAccount());
          String base = "/2010-04-01/Accounts/" + first.mainAccount().sid();
          return api.post(base + "/IncomingPhoneNumbers.json",
                  Map.of("PhoneNumber", "+14155550120", "SmsUrl", smsUrl))
              .compose(number -> api.post(base + "/SimulatedCarrier/Messages.json",
                  Map.of("From", "+14155550920", "To", "+14155550120", "Body", "are you there?")))
              .compose(received -> {
                sid.set(received.bodyAsJsonObject().getString("sid"));
                // The application is down: the attempt fails to connect (11205).
                return Eventually.poll(vertx, () -> webhookLog(api, base, sid.get()),
                    log -> !log.isEmpty(), 10_000);
              })
              .compose(log -> {
                testContext.verify(() -> assertThat(log.getJsonObject(0).getInteger("error_code"))
                    .isEqualTo(11205));
                return first.stop();
              });
        })
        .compose(stopped -> {
          appDown.release();
          return WebhookReceiver.start(vertx, appPort, request -> Answer.empty(204));
        })
        .compose(started -> {
          app.set(started);
          return gateway(vertx);
        })
        .compose(restarted -> {
          second.set(restarted);
          return Eventually.poll(vertx, () -> Future.succeededFuture(app.get().requests("/sms")),
              requests -> !requests.isEmpty(), 20_000);
        })
        // Long enough for a second delivery to show, were there one.
        .compose(delivered -> vertx.timer(1500).map(delivered))
        .onComplete(testContext.succeeding(delivered -> testContext.verify(() -> {
          assertThat(second.get().mainAccount().sid()).isEqualTo(account.get().sid());
          assertThat(app.get().requests("/sms")).hasSize(1);
          assertThat(app.get().requests("/sms").get(0).param("MessageSid")).isEqualTo(sid.get());
          second.get().stop().compose(x -> app.get().close())
              .onComplete(testContext.succeedingThenComplete());
        })));
  }

  private static Future<JsonArray> webhookLog(ApiClient api, String base, String sid) {
    return api.get(base + "/Messages/" + sid + "/Webhooks.json")
        .map(response -> response.bodyAsJsonObject().getJsonArray("webhooks"));
  }
}
