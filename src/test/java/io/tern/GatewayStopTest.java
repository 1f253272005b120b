package io.tern;

import static io.tern.testing.ApiClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.carrier.SubmissionLog;
import io.tern.store.PhoneNumber;
import io.tern.message.Sids;
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
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A gateway stopped while the carrier still owes the answer for a message: the throttle shard
 * waits for that answer, and the stop ends once it has come. The verticles that took the
 * message in are gone by then, so an answer routed through one of them would be lost.
 *
 * <p>The timeout is well under the event bus's 30-second reply timeout: a shard whose answer
 * went astray would hold the stop until that timeout, and so fail this test.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class GatewayStopTest {
  private static final String FROM = "+447700900100";

  @Test
  void aStopWhileTheCarrierHoldsAMessageEndsWithItsAnswer(Vertx vertx, VertxTestContext testContext) {
    Map<String, String> env = new HashMap<>(TestGateway.postgres(TestGateway.uniqueSchema("stop")));
    // Long enough that the stop begins, and the ingress and validation verticles are gone,
    // before the carrier answers.
    env.put("TERN_CARRIER_SIMULATED_SUBMIT_LATENCY_MILLIS", "1000");
    SubmissionLog carrierLog = new SubmissionLog();
    TestGateway.start(vertx, env, Clock.systemUTC(), carrierLog)
        .compose(gateway -> registerSender(gateway)
            .compose(registered -> {
              ApiClient api = ApiClient.as(WebClient.create(vertx), gateway, gateway.mainAccount());
              String messages = "/2010-04-01/Accounts/" + gateway.mainAccount().sid() + "/Messages";
              return api.post(messages + ".json", form("To", "+447700900123", "From", FROM, "Body", "hi"))
                  .map(created -> created.bodyAsJsonObject().getString("sid"))
                  .compose(sid -> Eventually.poll(vertx,
                          () -> api.get(messages + "/" + sid + ".json"),
                          message -> "sending".equals(message.bodyAsJsonObject().getString("status")),
                          10_000)
                      .map(sid));
            })
            .compose(sid -> gateway.stop().map(sid)))
        .onComplete(testContext.succeeding(sid -> testContext.verify(() -> {
          assertThat(carrierLog.count(sid)).as("the carrier answered before the stop ended").isEqualTo(1);
          testContext.completeNow();
        })));
  }

  private static Future<PhoneNumber> registerSender(Gateway gateway) {
    Instant now = Instant.now();
    return gateway.components().accounts().addPhoneNumber(new PhoneNumber(Sids.generate(Sids.PHONE_NUMBER),
        gateway.mainAccount().sid(), FROM, null, null, null, null, now, now));
  }
}
