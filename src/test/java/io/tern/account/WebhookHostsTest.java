package io.tern.account;

import static io.tern.testing.ApiClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.Gateway;
import io.tern.testing.ApiClient;
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
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A webhook URL Tern would never call is refused when it is set, with the resource's own code
 * and a message naming the rule and the key that opens it, on a gateway configured as a newcomer
 * gets it (loopback refused). Every URL here is an IP literal: only checked, never connected to.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class WebhookHostsTest {
  private static final String LOOPBACK_RULE = "its address is loopback; set outbound.allowLoopback"
      + " (TERN_OUTBOUND_ALLOW_LOOPBACK) to true to allow it";
  private static final String PRIVATE_RULE = "its address is in the denied block 10.0.0.0/8; add the"
      + " block to outbound.allow (TERN_OUTBOUND_ALLOW) to allow it";

  private Gateway gateway;
  private ApiClient api;
  private String account;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext testContext) {
    TestGateway.start(vertx, Map.of("TERN_OUTBOUND_ALLOW_LOOPBACK", "false"), Clock.systemUTC(), null)
        .onComplete(testContext.succeeding(started -> {
          gateway = started;
          account = started.mainAccount().sid();
          api = ApiClient.as(WebClient.create(vertx), started, started.mainAccount());
          testContext.completeNow();
        }));
  }

  @AfterEach
  void stop(VertxTestContext testContext) {
    gateway.stop().onComplete(testContext.succeedingThenComplete());
  }

  @Test
  void aNumbersWebhooksAreRefusedWhenTheRulesRefuseTheirHost(VertxTestContext testContext) {
    String numbers = "/2010-04-01/Accounts/" + account + "/IncomingPhoneNumbers.json";
    api.post(numbers, form("PhoneNumber", "+14155550701", "StatusCallback", "http://127.0.0.1:8080/status"))
        .compose(callback -> api.post(numbers, form("PhoneNumber", "+14155550702", "SmsUrl", "http://10.1.2.3/sms"))
            .compose(sms -> api.post(numbers, form("PhoneNumber", "+14155550703",
                    "StatusCallback", "http://127.0.0.1:99999/status"))
                .compose(port -> api.post(numbers, form("PhoneNumber", "+14155550704",
                        "SmsUrl", "https://203.0.113.7/sms", "SmsFallbackUrl", "http://127.0.0.1:8080/fb"))
                    .compose(fallback -> api.get(numbers)
                        .map(list -> new HttpResponse<?>[] {callback, sms, port, list, fallback})))))
        .onComplete(testContext.succeeding(answers -> testContext.verify(() -> {
          expectError(answers[0], 21609, "The StatusCallback URL http://127.0.0.1:8080/status is not a valid"
              + " URL: Tern does not post to it, since " + LOOPBACK_RULE + ".");
          expectError(answers[1], 20001, "SmsUrl http://10.1.2.3/sms is not allowed: Tern does not call it,"
              + " since " + PRIVATE_RULE);
          expectError(answers[2], 21609, "The StatusCallback URL http://127.0.0.1:99999/status is not a valid URL.");
          expectError(answers[4], 20001, "SmsFallbackUrl http://127.0.0.1:8080/fb is not allowed: Tern does"
              + " not call it, since " + LOOPBACK_RULE);
          assertThat(((HttpResponse<Buffer>) answers[3]).bodyAsJsonObject()
              .getJsonArray("incoming_phone_numbers")).as("nothing registered").isEmpty();
          testContext.completeNow();
        })));
  }

  @Test
  void aServicesWebhooksAreRefusedOnCreateAndUpdate(VertxTestContext testContext) {
    api.post("/v1/Services", Map.of("FriendlyName", "alerts", "StatusCallback", "http://[::ffff:0:7f00:1]/cb"))
        .compose(create -> api.post("/v1/Services", Map.of("FriendlyName", "alerts",
                "StatusCallback", "https://203.0.113.7/status"))
            .compose(created -> api.post("/v1/Services/" + created.bodyAsJsonObject().getString("sid"),
                    Map.of("InboundRequestUrl", "http://10.0.0.9/in"))
                .compose(update -> api.post("/v1/Services/" + created.bodyAsJsonObject().getString("sid"),
                        Map.of("FriendlyName", "renamed"))
                    .map(rename -> new HttpResponse<?>[] {create, created, update, rename}))))
        .onComplete(testContext.succeeding(answers -> testContext.verify(() -> {
          expectError(answers[0], 21609, "The StatusCallback URL http://[::ffff:0:7f00:1]/cb is not a valid"
              + " URL: Tern does not post to it, since " + LOOPBACK_RULE + ".");
          assertThat(answers[1].statusCode()).as("a public address is fine").isEqualTo(201);
          expectError(answers[2], 20001, "InboundRequestUrl http://10.0.0.9/in is not allowed: Tern does not"
              + " call it, since " + PRIVATE_RULE);
          assertThat(answers[3].statusCode()).as("an update that sets no URL").isEqualTo(200);
          assertThat(((HttpResponse<Buffer>) answers[3]).bodyAsJsonObject().getString("inbound_request_url"))
              .as("the refused update changed nothing").isNull();
          testContext.completeNow();
        })));
  }

  @Test
  void aMessagesStatusCallbackAndMediaUrlAreRefusedWithTheRule(VertxTestContext testContext) {
    String messages = "/2010-04-01/Accounts/" + account + "/Messages.json";
    String number = "/2010-04-01/Accounts/" + account + "/IncomingPhoneNumbers.json";
    api.post(number, form("PhoneNumber", "+14155550100"))
        .compose(registered -> api.post(messages, form("To", "+14155550123", "From", "+14155550100",
            "Body", "hi", "StatusCallback", "http://127.0.0.1:8080/status")))
        .compose(loopback -> api.post(messages, form("To", "+14155550123", "From", "+14155550100",
                "Body", "hi", "StatusCallback", "http://127.0.0.1:99999/x"))
            .compose(port -> api.post(messages, form("To", "+14155550123", "From", "+14155550100",
                    "MediaUrl", "http://127.0.0.1:99999/x"))
                .compose(mediaPort -> api.post(messages, form("To", "+14155550123", "From", "+14155550100",
                        "MediaUrl", "http://[64:ff9b::7f00:1]/a.png"))
                    .map(media -> new HttpResponse<?>[] {loopback, port, mediaPort, media}))))
        .onComplete(testContext.succeeding(answers -> testContext.verify(() -> {
          expectError(answers[0], 21609, "The StatusCallback URL http://127.0.0.1:8080/status is not a valid"
              + " URL: Tern does not post to it, since " + LOOPBACK_RULE + ".");
          expectError(answers[1], 21609, "The StatusCallback URL http://127.0.0.1:99999/x is not a valid URL.");
          expectError(answers[2], 21620, "Invalid media URL(s): http://127.0.0.1:99999/x");
          expectError(answers[3], 21620, "Invalid media URL(s): http://[64:ff9b::7f00:1]/a.png is not allowed:"
              + " Tern does not fetch media from that address: " + LOOPBACK_RULE);
          testContext.completeNow();
        })));
  }

  private static void expectError(HttpResponse<?> answer, int code, String message) {
    JsonObject error = ((HttpResponse<Buffer>) answer).bodyAsJsonObject();
    assertThat(answer.statusCode()).as(error.encode()).isEqualTo(400);
    assertThat(error.getInteger("code")).as(error.encode()).isEqualTo(code);
    assertThat(error.getString("message")).isEqualTo(message);
  }
}
