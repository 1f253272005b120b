package io.tern.validation;

import static io.tern.testing.ApiClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.Gateway;
import io.tern.carrier.SubmissionLog;
import io.tern.message.Message;
import io.tern.message.SendPlan;
import io.tern.message.text.Encoding;
import io.tern.testing.ApiClient;
import io.tern.testing.Eventually;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same message sent with {@code From} and through a Messaging Service whose pool holds that
 * number gets the same send plan, and the carrier receives the plan's text. The case is the one
 * that used to disagree: a 150-character body with one picture to a UK number, which Tern sends
 * as SMS with a link to the picture (the MMS converter), so it is two segments, not one.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class SendPlanPathsTest {
  private static final String UK_SENDER = "+447700900100";
  private static final String UK_RECIPIENT = "+447700900123";
  private static final String BODY = "b".repeat(150);
  private static final Set<String> GONE_OUT = Set.of("sent", "delivered");

  private final SubmissionLog carrierLog = new SubmissionLog();
  private Gateway gateway;
  private MediaServer media;

  @AfterEach
  void stop(VertxTestContext testContext) {
    (gateway == null ? Future.<Void>succeededFuture() : gateway.stop())
        .onComplete(testContext.succeedingThenComplete());
  }

  @Test
  void aConvertedMmsHasOnePlanWhicheverPathChoseItsSenderAndTheCarrierGetsItsLinks(Vertx vertx,
      VertxTestContext testContext) {
    Map<String, String> env = TestGateway.postgres(TestGateway.uniqueSchema("sendplan"));
    MediaServer.start(vertx, new HttpServerOptions())
        .compose(started -> {
          media = started;
          return TestGateway.start(vertx, env, Clock.systemUTC(), carrierLog);
        })
        .compose(started -> {
          gateway = started;
          ApiClient api = ApiClient.as(WebClient.create(vertx), started, started.mainAccount());
          return serviceWithSender(api).compose(service -> Future.all(
                  create(api, "From", UK_SENDER),
                  create(api, "MessagingServiceSid", service))
              .compose(created -> Future.all(
                  goneOut(vertx, api, created.resultAt(0)),
                  goneOut(vertx, api, created.resultAt(1)))));
        })
        .compose(finals -> {
          List<JsonObject> json = finals.list();
          return gateway.components().messages()
              .findBySids(json.stream().map(m -> m.getString("sid")).toList())
              .map(stored -> new Object[] {json, stored});
        })
        .onComplete(testContext.succeeding(result -> testContext.verify(() -> {
          @SuppressWarnings("unchecked")
          List<JsonObject> json = (List<JsonObject>) result[0];
          @SuppressWarnings("unchecked")
          List<Message> stored = (List<Message>) result[1];
          String picture = media.url("/pic.png");
          SendPlan expected = new SendPlan(BODY + "\n" + picture, Encoding.GSM7, 2, false);

          assertThat(json).extracting(m -> m.getString("num_segments")).containsExactly("2", "2");
          assertThat(json).extracting(m -> m.getString("from")).containsOnly(UK_SENDER);
          assertThat(stored).hasSize(2)
              .allSatisfy(message -> assertThat(message.sendPlan()).isEqualTo(expected));
          for (JsonObject message : json) {
            List<SubmissionLog.Submission> sent = carrierLog.submissions().stream()
                .filter(submission -> submission.messageSid().equals(message.getString("sid")))
                .toList();
            assertThat(sent).singleElement().satisfies(submission -> {
              assertThat(submission.text()).isEqualTo(BODY + "\n" + picture);
              assertThat(submission.mms()).isFalse();
            });
          }
          testContext.completeNow();
        })));
  }

  /** A Messaging Service (MMS converter on) whose pool is the UK number; answers its sid. */
  private Future<String> serviceWithSender(ApiClient api) {
    String numbers = "/2010-04-01/Accounts/" + gateway.mainAccount().sid() + "/IncomingPhoneNumbers.json";
    return Future.all(
            api.post("/v1/Services", form("FriendlyName", "Pictures", "MmsConverter", "true")),
            api.post(numbers, form("PhoneNumber", UK_SENDER)))
        .compose(created -> {
          String service = sid(created.resultAt(0));
          return api.post("/v1/Services/" + service + "/PhoneNumbers",
                  form("PhoneNumberSid", sid(created.resultAt(1))))
              .map(added -> {
                assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
                return service;
              });
        });
  }

  private Future<String> create(ApiClient api, String senderKey, String sender) {
    return api.post("/2010-04-01/Accounts/" + gateway.mainAccount().sid() + "/Messages.json",
            form("To", UK_RECIPIENT, senderKey, sender, "Body", BODY,
                "MediaUrl", media.url("/pic.png")))
        .map(response -> {
          assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
          return response.bodyAsJsonObject().getString("uri");
        });
  }

  private static Future<JsonObject> goneOut(Vertx vertx, ApiClient api, String uri) {
    return Eventually.poll(vertx, () -> api.get(uri).map(HttpResponse::bodyAsJsonObject),
        message -> GONE_OUT.contains(message.getString("status")), 20_000);
  }

  private static String sid(HttpResponse<Buffer> created) {
    assertThat(created.statusCode()).as(created.bodyAsString()).isIn(200, 201);
    return created.bodyAsJsonObject().getString("sid");
  }
}
