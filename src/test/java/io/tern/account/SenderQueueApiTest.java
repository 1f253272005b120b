package io.tern.account;

import static io.tern.testing.ApiClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.Gateway;
import io.tern.message.Sids;
import io.tern.store.PhoneNumber;
import io.tern.store.ShortCode;
import io.tern.testing.ApiClient;
import io.tern.testing.Eventually;
import io.tern.testing.GatewayApiTest;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The sender queue extension over real HTTP, once per store (subclasses). US long codes and
 * alphanumeric IDs run at 0.01 segments per second here: a sender's first message goes out at
 * once and holds it for 100 s per segment, so whatever it is given next stays queued for the
 * whole test, and the queue's depth is exact rather than a race with the throttle.
 */
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
abstract class SenderQueueApiTest extends GatewayApiTest {
  static final String IDLE_NUMBER = "+14155550200";
  static final String BUSY_NUMBER = "+14155550201";
  static final String FAST_NUMBER = "+14155550202";
  static final String SUB_NUMBER = "+14155550203";
  static final String SHORT_CODE = "24681";
  static final String RECIPIENT = "+14155550123";
  static final String UK_RECIPIENT = "+447700900123";
  /** 400 GSM-7 characters: three segments of 153. */
  static final String THREE_SEGMENTS = "a".repeat(400);

  ApiClient sub;
  String subSid;
  ApiClient trial;
  String trialSid;

  /** The gateway's variables: the slow rates, and a store's when a subclass adds one. */
  static Map<String, String> slowRates(Map<String, String> store) {
    Map<String, String> env = new HashMap<>(store);
    env.put("TERN_THROTTLE_RATES_US_CA_LONG_CODE", "0.01");
    env.put("TERN_THROTTLE_RATES_ALPHANUMERIC", "0.01");
    return env;
  }

  static Future<Gateway> start(Vertx vertx, Map<String, String> env) {
    return TestGateway.start(vertx, slowRates(env), Clock.systemUTC(), null);
  }

  @Override
  protected Future<?> prepare() {
    Instant now = Instant.now();
    return api.post("/2010-04-01/Accounts.json", form("FriendlyName", "Shop"))
        .compose(created -> {
          JsonObject account = created.bodyAsJsonObject();
          subSid = account.getString("sid");
          sub = api.withCredentials(subSid, account.getString("auth_token"));
          return api.post("/2010-04-01/Accounts.json", form("FriendlyName", "Tryout", "Type", "Trial"));
        })
        .compose(created -> {
          JsonObject account = created.bodyAsJsonObject();
          trialSid = account.getString("sid");
          trial = api.withCredentials(trialSid, account.getString("auth_token"));
          return Future.all(List.of(
              number(main.sid(), IDLE_NUMBER, null, now),
              number(main.sid(), BUSY_NUMBER, null, now),
              number(main.sid(), FAST_NUMBER, 5, now),
              number(subSid, SUB_NUMBER, null, now),
              gateway.components().accounts().addShortCode(new ShortCode(
                  Sids.generate(Sids.SHORT_CODE), main.sid(), SHORT_CODE, "US", null, null, now, now))));
        });
  }

  private Future<?> number(String accountSid, String value, Integer throughput, Instant now) {
    return gateway.components().accounts().addPhoneNumber(new PhoneNumber(
        Sids.generate(Sids.PHONE_NUMBER), accountSid, value, null, null, null, throughput, now, now));
  }

  static String queue(String accountSid, String sender) {
    return "/2010-04-01/Accounts/" + accountSid + "/Tern/Senders/" + sender + "/Queue.json";
  }

  private Future<String> send(ApiClient client, String accountSid, String from, String to, String body) {
    return client.post("/2010-04-01/Accounts/" + accountSid + "/Messages.json",
            form("To", to, "From", from, "Body", body))
        .map(created -> {
          assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
          return created.bodyAsJsonObject().getString("sid");
        });
  }

  /** Sends one message and waits until the carrier has it: its sender's hold has begun. */
  private Future<String> sendAndWaitUntilSent(ApiClient client, String accountSid, String from, String to) {
    return send(client, accountSid, from, to, "first").compose(sid -> Eventually.poll(gateway.vertx(),
        () -> client.get("/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid + ".json"),
        fetched -> List.of("sent", "delivered").contains(fetched.bodyAsJsonObject().getString("status")),
        10_000).map(sid));
  }

  private static void assertNotFound(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(404);
    JsonObject error = response.bodyAsJsonObject();
    assertThat(error.getInteger("code")).isEqualTo(20404);
    assertThat(error.getInteger("status")).isEqualTo(404);
    assertThat(error.getString("message")).isNotBlank();
    assertThat(error.getString("more_info")).contains("20404");
  }

  @Test
  void anIdleNumberOfTheAccountAnswersZerosWithItsRateAndCap(VertxTestContext testContext) {
    api.get(queue(main.sid(), IDLE_NUMBER))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
          assertThat(response.getHeader("Content-Type")).startsWith("application/json");
          JsonObject json = response.bodyAsJsonObject();
          assertThat(json.getString("account_sid")).isEqualTo(main.sid());
          assertThat(json.getString("sender")).isEqualTo(IDLE_NUMBER);
          assertThat(json.getString("sender_type")).isEqualTo("long_code");
          assertThat(json.getLong("queued_messages")).isZero();
          assertThat(json.getLong("queued_segments")).isZero();
          assertThat(json.getLong("sending_messages")).isZero();
          assertThat(json.getDouble("segments_per_second")).isEqualTo(0.01);
          // 0.01 segments per second for throttle.maxQueueSeconds (14,400 s).
          assertThat(json.getLong("max_queued_segments")).isEqualTo(144);
          assertThat(json.getLong("estimated_drain_seconds")).isZero();
          assertThat(json.getString("uri")).isEqualTo(
              "/2010-04-01/Accounts/" + main.sid() + "/Tern/Senders/%2B14155550200/Queue.json");
          testContext.completeNow();
        })));
  }

  @Test
  void aQueuedSenderShowsItsMessagesSegmentsAndTimeToDrain(VertxTestContext testContext) {
    sendAndWaitUntilSent(api, main.sid(), BUSY_NUMBER, RECIPIENT)
        .compose(first -> send(api, main.sid(), BUSY_NUMBER, RECIPIENT, "second"))
        .compose(second -> send(api, main.sid(), BUSY_NUMBER, RECIPIENT, THREE_SEGMENTS))
        // The number's '+' percent-encoded, as URL builders write it.
        .compose(third -> api.get(queue(main.sid(), "%2B14155550201")))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
          JsonObject json = response.bodyAsJsonObject();
          assertThat(json.getString("sender")).isEqualTo(BUSY_NUMBER);
          assertThat(json.getLong("queued_messages")).isEqualTo(2);
          assertThat(json.getLong("queued_segments")).isEqualTo(4);
          assertThat(json.getLong("sending_messages")).isZero();
          // Four segments at 0.01 per second.
          assertThat(json.getLong("estimated_drain_seconds")).isEqualTo(400);
          assertThat(json.getLong("max_queued_segments")).isEqualTo(144);
          testContext.completeNow();
        })));
  }

  @Test
  void aNumbersOwnThroughputSetsItsRateCapAndDrain(VertxTestContext testContext) {
    api.get(queue(main.sid(), FAST_NUMBER))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          JsonObject json = response.bodyAsJsonObject();
          assertThat(json.getDouble("segments_per_second")).isEqualTo(5.0);
          assertThat(json.getLong("max_queued_segments")).isEqualTo(5 * 14_400);
          testContext.completeNow();
        })));
  }

  @Test
  void shortCodesAndAlphanumericIdsAnswerWithTheirKindsRate(VertxTestContext testContext) {
    Future.all(api.get(queue(main.sid(), SHORT_CODE)), api.get(queue(main.sid(), "Acme%20Shop")))
        .onComplete(testContext.succeeding(both -> testContext.verify(() -> {
          HttpResponse<Buffer> shortCode = both.resultAt(0);
          assertThat(shortCode.statusCode()).as(shortCode.bodyAsString()).isEqualTo(200);
          assertThat(shortCode.bodyAsJsonObject().getString("sender_type")).isEqualTo("short_code");
          assertThat(shortCode.bodyAsJsonObject().getDouble("segments_per_second")).isEqualTo(100.0);
          assertThat(shortCode.bodyAsJsonObject().getLong("max_queued_segments")).isEqualTo(1_440_000);
          HttpResponse<Buffer> alpha = both.resultAt(1);
          assertThat(alpha.statusCode()).as(alpha.bodyAsString()).isEqualTo(200);
          JsonObject json = alpha.bodyAsJsonObject();
          assertThat(json.getString("sender")).isEqualTo("Acme Shop");
          assertThat(json.getString("sender_type")).isEqualTo("alphanumeric");
          assertThat(json.getLong("queued_messages")).isZero();
          assertThat(json.getString("uri")).endsWith("/Tern/Senders/Acme%20Shop/Queue.json");
          testContext.completeNow();
        })));
  }

  @Test
  void aSenderTheAccountMayNotSendFromIsNotFound(VertxTestContext testContext) {
    Future.all(List.of(
            api.get(queue(main.sid(), "+14155550299")),
            api.get(queue(main.sid(), "99999")),
            api.get(queue(main.sid(), "14155550200")),
            api.get(queue(main.sid(), "no!such!id")),
            api.get(queue(main.sid(), "%2B")),
            api.get(queue(main.sid(), "12")),
            api.get(queue(main.sid(), "TwelveChars1")),
            trial.get(queue(trialSid, "Acme"))))
        .onComplete(testContext.succeeding(all -> testContext.verify(() -> {
          for (int i = 0; i < all.size(); i++) {
            assertNotFound(all.resultAt(i));
          }
          testContext.completeNow();
        })));
  }

  @Test
  void anAccountNeverSeesAnotherAccountsSenders(VertxTestContext testContext) {
    Future.all(List.of(
            // The subaccount asks for its parent's number, on its own path and on the parent's.
            sub.get(queue(subSid, IDLE_NUMBER)),
            sub.get(queue(main.sid(), IDLE_NUMBER)),
            // The parent asks for its subaccount's number on its own path...
            api.get(queue(main.sid(), SUB_NUMBER)),
            // ...and may on the subaccount's path, as for every subaccount resource.
            api.get(queue(subSid, SUB_NUMBER)),
            sub.get(queue(subSid, SUB_NUMBER)),
            trial.get(queue(subSid, SUB_NUMBER))))
        .onComplete(testContext.succeeding(all -> testContext.verify(() -> {
          assertNotFound(all.resultAt(0));
          assertNotFound(all.resultAt(1));
          assertNotFound(all.resultAt(2));
          HttpResponse<Buffer> parentOnSubPath = all.resultAt(3);
          assertThat(parentOnSubPath.statusCode()).isEqualTo(200);
          assertThat(parentOnSubPath.bodyAsJsonObject().getString("account_sid")).isEqualTo(subSid);
          assertThat(all.<HttpResponse<Buffer>>resultAt(4).statusCode()).isEqualTo(200);
          assertNotFound(all.resultAt(5));
          testContext.completeNow();
        })));
  }

  @Test
  void anAlphanumericIdQueuesPerAccount(VertxTestContext testContext) {
    String id = "SameBrand";
    sendAndWaitUntilSent(api, main.sid(), id, UK_RECIPIENT)
        .compose(first -> send(api, main.sid(), id, UK_RECIPIENT, "second"))
        .compose(second -> Future.all(api.get(queue(main.sid(), id)), sub.get(queue(subSid, id))))
        .onComplete(testContext.succeeding(both -> testContext.verify(() -> {
          HttpResponse<Buffer> mine = both.resultAt(0);
          assertThat(mine.statusCode()).as(mine.bodyAsString()).isEqualTo(200);
          assertThat(mine.bodyAsJsonObject().getLong("queued_messages")).isEqualTo(1);
          assertThat(mine.bodyAsJsonObject().getLong("estimated_drain_seconds")).isEqualTo(100);
          HttpResponse<Buffer> theirs = both.resultAt(1);
          assertThat(theirs.statusCode()).as(theirs.bodyAsString()).isEqualTo(200);
          assertThat(theirs.bodyAsJsonObject().getLong("queued_messages")).isZero();
          testContext.completeNow();
        })));
  }
}
