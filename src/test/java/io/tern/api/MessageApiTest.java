package io.tern.api;

import static io.tern.testing.ApiClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.store.PhoneNumber;
import io.tern.store.ShortCode;
import io.tern.message.Sids;
import io.tern.testing.ApiClient;
import io.tern.testing.GatewayApiTest;
import io.tern.testing.JsonSchemas;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Messages resource over real HTTP, as a Twilio application uses it. Runs once per store
 * (subclasses), so both stores keep the same contract end to end.
 */
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
abstract class MessageApiTest extends GatewayApiTest {
  static final String SENDER = "+14155550100";
  static final String UK_SENDER = "+447700900100";
  static final String SHORT_CODE = "24680";
  /** A sender kept busy by a long message, so what it sends next stays queued for seconds. */
  static final String BUSY_SENDER = "+14155550188";
  static final String RECIPIENT = "+14155550123";

  String messages;

  @Override
  protected Future<?> prepare() {
    messages = "/2010-04-01/Accounts/" + main.sid() + "/Messages.json";
    Instant now = Instant.now();
    return Future.all(
        gateway.components().accounts().addPhoneNumber(new PhoneNumber(
            Sids.generate(Sids.PHONE_NUMBER), main.sid(), SENDER, null, null, null, null, now, now)),
        gateway.components().accounts().addPhoneNumber(new PhoneNumber(
            Sids.generate(Sids.PHONE_NUMBER), main.sid(), UK_SENDER, null, null, null, null, now, now)),
        gateway.components().accounts().addPhoneNumber(new PhoneNumber(
            Sids.generate(Sids.PHONE_NUMBER), main.sid(), BUSY_SENDER, null, null, null, null, now, now)),
        gateway.components().accounts().addShortCode(new ShortCode(
            Sids.generate(Sids.SHORT_CODE), main.sid(), SHORT_CODE, "US", null, null, now, now)));
  }

  @Test
  void createAnswers201WithTheWholeMessageAndCommitsIt(VertxTestContext testContext) {
    api.post(messages, form("To", RECIPIENT, "From", SENDER, "Body", "Hello from Tern"))
        .compose(created -> {
          testContext.verify(() -> {
            assertThat(created.statusCode()).isEqualTo(201);
            JsonObject json = created.bodyAsJsonObject();
            assertThat(json.getString("sid")).matches("SM[0-9a-f]{32}");
            assertThat(json.getString("status")).isEqualTo("queued");
            assertThat(json.getString("num_segments")).isEqualTo("1");
            assertThat(json.getString("num_media")).isEqualTo("0");
            assertThat(json.getString("from")).isEqualTo(SENDER);
            assertThat(json.getString("to")).isEqualTo(RECIPIENT);
            assertThat(json.getString("body")).isEqualTo("Hello from Tern");
            assertThat(json.getString("direction")).isEqualTo("outbound-api");
            assertThat(json.getString("api_version")).isEqualTo("2010-04-01");
            assertThat(json.getString("date_created")).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000");
            assertThat(json.containsKey("date_sent")).isTrue();
            assertThat(json.getValue("date_sent")).isNull();
            assertThat(json.getValue("error_code")).isNull();
            assertThat(json.getString("uri")).isEqualTo(
                "/2010-04-01/Accounts/" + main.sid() + "/Messages/" + json.getString("sid") + ".json");
            JsonSchemas.assertValid("message", json);
          });
          return api.get(created.bodyAsJsonObject().getString("uri"));
        })
        .onComplete(testContext.succeeding(fetched -> testContext.verify(() -> {
          assertThat(fetched.statusCode()).isEqualTo(200);
          assertThat(fetched.bodyAsJsonObject().getString("body")).isEqualTo("Hello from Tern");
          testContext.completeNow();
        })));
  }

  @Test
  void longAndUnicodeBodiesCountTheirSegments(VertxTestContext testContext) {
    Future.all(
            api.post(messages, form("To", RECIPIENT, "From", SENDER, "Body", "x".repeat(161))),
            api.post(messages, form("To", RECIPIENT, "From", SENDER, "Body", "Grüße 😀 ".repeat(10))))
        .onComplete(testContext.succeeding(both -> testContext.verify(() -> {
          HttpResponse<Buffer> gsm = both.resultAt(0);
          HttpResponse<Buffer> ucs = both.resultAt(1);
          assertThat(gsm.bodyAsJsonObject().getString("num_segments")).isEqualTo("2");
          // 10 × 9 UTF-16 units = 90 units of UCS-2: two parts of 67.
          assertThat(ucs.bodyAsJsonObject().getString("num_segments")).isEqualTo("2");
          testContext.completeNow();
        })));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "no To|From=+14155550100&Body=hi|21604|400",
      "no From nor service|To=+14155550123&Body=hi|21603|400",
      "no Body nor media|To=+14155550123&From=+14155550100|21602|400",
      "impossible To|To=%2B1415&From=%2B14155550100&Body=hi|21211|400",
      "To not E.164|To=4155550123&From=%2B14155550100&Body=hi|21211|400",
      "To equals From|To=%2B14155550100&From=%2B14155550100&Body=hi|21266|400",
      "From not ours|To=%2B14155550123&From=%2B14155550199&Body=hi|21606|400",
      "From malformed|To=%2B14155550123&From=%2B1&Body=hi|21212|400",
      "short code not ours|To=%2B14155550123&From=13579&Body=hi|21606|400",
      "short code abroad|To=%2B447700900123&From=24680&Body=hi|21659|400",
      "alpha to the US|To=%2B14155550123&From=TernShop&Body=hi|21612|400",
      "alpha malformed|To=%2B447700900123&From=Tern.Shop!&Body=hi|21212|400",
      "bad callback|To=%2B14155550123&From=%2B14155550100&Body=hi&StatusCallback=ftp://x|21609|400",
      "callback host with underscore|To=%2B14155550123&From=%2B14155550100&Body=hi&StatusCallback=https://my_host.example.com/cb|21609|400",
      "malformed media|To=%2B14155550123&From=%2B14155550100&MediaUrl=not-a-url|21620|400",
      "malformed service|To=%2B14155550123&MessagingServiceSid=MG123&Body=hi|21705|400",
      "unknown service|To=%2B14155550123&MessagingServiceSid=MG0123456789abcdef0123456789abcdef&Body=hi|21701|400",
      "validity out of range|To=%2B14155550123&From=%2B14155550100&Body=hi&ValidityPeriod=36001|20001|400",
      "schedule type|To=%2B14155550123&MessagingServiceSid=MG0123456789abcdef0123456789abcdef&Body=hi&ScheduleType=later&SendAt=2030-01-01T00:00:00Z|35126|400",
      "schedule without SendAt|To=%2B14155550123&MessagingServiceSid=MG0123456789abcdef0123456789abcdef&Body=hi&ScheduleType=fixed|35111|400",
      "schedule without service|To=%2B14155550123&From=%2B14155550100&Body=hi&ScheduleType=fixed&SendAt=2030-01-01T00:00:00Z|35118|400"})
  void refusesWhatTwilioRefusesWithItsCode(String name, String body, int code, int status,
      VertxTestContext testContext) {
    api.request(HttpMethod.POST, messages)
        .putHeader("Content-Type", "application/x-www-form-urlencoded")
        .sendBuffer(Buffer.buffer(body))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(status);
          JsonObject error = response.bodyAsJsonObject();
          assertThat(error.getInteger("code")).isEqualTo(code);
          assertThat(error.getInteger("status")).isEqualTo(status);
          assertThat(error.getString("more_info")).isEqualTo("https://www.twilio.com/docs/errors/" + code);
          assertThat(error.getString("message")).isNotBlank();
          JsonSchemas.assertValid("error", error);
          testContext.completeNow();
        })));
  }

  @Test
  void aBodyOverSixteenHundredCharactersIsRefused(VertxTestContext testContext) {
    api.post(messages, form("To", RECIPIENT, "From", SENDER, "Body", "a".repeat(1601)))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertThat(response.bodyAsJsonObject().getInteger("code")).isEqualTo(21617);
          testContext.completeNow();
        })));
  }

  @Test
  void moreThanTenMediaUrlsAreRefused(VertxTestContext testContext) {
    io.vertx.core.MultiMap form = form("To", RECIPIENT, "From", SENDER);
    for (int i = 0; i < 11; i++) {
      form.add("MediaUrl", "https://media.example.com/" + i + ".png");
    }
    api.post(messages, form)
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertThat(response.bodyAsJsonObject().getInteger("code")).isEqualTo(21623);
          testContext.completeNow();
        })));
  }

  @Test
  void anAlphanumericSenderReachesCountriesThatAcceptIt(VertxTestContext testContext) {
    api.post(messages, form("To", "+447700900123", "From", "TernShop", "Body", "hi"))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(201);
          assertThat(response.bodyAsJsonObject().getString("from")).isEqualTo("TernShop");
          testContext.completeNow();
        })));
  }

  @Test
  void wrongCredentialsGet401(VertxTestContext testContext) {
    api.withCredentials(main.sid(), "wrong-token").get(messages)
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(401);
          assertThat(response.bodyAsJsonObject().getInteger("code")).isEqualTo(20003);
          testContext.completeNow();
        })));
  }

  @Test
  void anUnknownMessageIs404(VertxTestContext testContext) {
    api.get("/2010-04-01/Accounts/" + main.sid() + "/Messages/SM0123456789abcdef0123456789abcdef.json")
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(404);
          assertThat(response.bodyAsJsonObject().getInteger("code")).isEqualTo(20404);
          testContext.completeNow();
        })));
  }

  @Test
  void theSameIdempotencyKeyGivesTheSameMessage(VertxTestContext testContext) {
    String key = "order-" + System.nanoTime();
    io.vertx.core.MultiMap form = form("To", RECIPIENT, "From", SENDER, "Body", "once");
    api.request(HttpMethod.POST, messages).putHeader("Idempotency-Key", key).sendForm(form)
        .compose(first -> api.request(HttpMethod.POST, messages).putHeader("Idempotency-Key", key)
            .sendForm(form).map(second -> List.of(first, second)))
        .onComplete(testContext.succeeding(both -> testContext.verify(() -> {
          assertThat(both.get(0).statusCode()).isEqualTo(201);
          assertThat(both.get(1).statusCode()).isEqualTo(201);
          assertThat(both.get(1).bodyAsJsonObject().getString("sid"))
              .isEqualTo(both.get(0).bodyAsJsonObject().getString("sid"));
          testContext.completeNow();
        })));
  }

  @Test
  void listsNewestFirstAndPagesThroughNextPageUri(VertxTestContext testContext) {
    String to = "+14155550777";
    createSequentially(to, 5)
        .compose(created -> api.get(messages + "?To=" + encode(to) + "&PageSize=2")
            .compose(first -> {
              JsonObject page = first.bodyAsJsonObject();
              testContext.verify(() -> {
                assertThat(page.getJsonArray("messages")).hasSize(2);
                assertThat(page.getInteger("page")).isEqualTo(0);
                assertThat(page.getInteger("page_size")).isEqualTo(2);
                assertThat(page.getInteger("start")).isEqualTo(0);
                assertThat(page.getInteger("end")).isEqualTo(1);
                assertThat(page.getValue("previous_page_uri")).isNull();
                assertThat(page.getString("uri")).startsWith("/2010-04-01/Accounts/" + main.sid() + "/Messages.json?");
                assertThat(page.getString("next_page_uri")).contains("PageToken=");
                assertThat(sids(page)).containsExactly(created.get(4), created.get(3));
                JsonSchemas.assertValid("message-list", page);
              });
              return api.get(page.getString("next_page_uri"));
            })
            .compose(second -> {
              JsonObject page = second.bodyAsJsonObject();
              testContext.verify(() -> {
                assertThat(sids(page)).containsExactly(created.get(2), created.get(1));
                assertThat(page.getInteger("page")).isEqualTo(1);
                assertThat(page.getInteger("start")).isEqualTo(2);
              });
              return api.get(page.getString("next_page_uri"));
            })
            .compose(third -> {
              JsonObject page = third.bodyAsJsonObject();
              testContext.verify(() -> {
                assertThat(sids(page)).containsExactly(created.get(0));
                assertThat(page.getValue("next_page_uri")).isNull();
                assertThat(page.getString("previous_page_uri")).contains("Page=1").contains("PageToken=");
              });
              return api.get(page.getString("previous_page_uri"));
            })
            .onComplete(testContext.succeeding(backToSecond -> testContext.verify(() -> {
              JsonObject page = backToSecond.bodyAsJsonObject();
              assertThat(sids(page)).containsExactly(created.get(2), created.get(1));
              assertThat(page.getInteger("page")).isEqualTo(1);
              assertThat(page.getString("next_page_uri")).isNotNull();
              assertThat(page.getString("previous_page_uri")).contains("Page=0");
              testContext.completeNow();
            }))));
  }

  @Test
  void pageSizeOverAThousandIsClamped(VertxTestContext testContext) {
    api.get(messages + "?PageSize=5000&PageSize=5000")
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          assertThat(response.bodyAsJsonObject().getInteger("page_size")).isEqualTo(1000);
          testContext.completeNow();
        })));
  }

  @Test
  void aQueuedMessageCanBeNeitherCanceledNorRedactedNorDeleted(VertxTestContext testContext) {
    // 1,600 GSM characters are 11 segments: at 1 segment/s they hold the sender for 11 s.
    api.post(messages, form("To", RECIPIENT, "From", BUSY_SENDER, "Body", "x".repeat(1600)))
        .compose(busy -> api.post(messages, form("To", RECIPIENT, "From", BUSY_SENDER, "Body", "in flight")))
        .compose(created -> {
          String uri = created.bodyAsJsonObject().getString("uri");
          return Future.all(
              api.post(uri, form("Status", "canceled")),
              api.post(uri, form("Body", "")),
              api.post(uri, form("Body", "", "Status", "canceled")),
              api.post(uri, form("Body", "new text")),
              api.delete(uri));
        })
        .onComplete(testContext.succeeding(all -> testContext.verify(() -> {
          assertThat(code(all.resultAt(0))).isEqualTo(30409);
          assertThat(code(all.resultAt(1))).isEqualTo(30400);
          assertThat(code(all.resultAt(2))).isEqualTo(30400);
          assertThat(code(all.resultAt(3))).isEqualTo(30400);
          HttpResponse<Buffer> delete = all.resultAt(4);
          assertThat(delete.statusCode()).isEqualTo(409);
          assertThat(code(delete)).isEqualTo(20009);
          testContext.completeNow();
        })));
  }

  @Test
  void feedbackIsRecorded(VertxTestContext testContext) {
    api.post(messages, form("To", RECIPIENT, "From", SENDER, "Body", "code 1234"))
        .compose(created -> api.post(
            created.bodyAsJsonObject().getJsonObject("subresource_uris").getString("feedback"),
            form("Outcome", "confirmed")))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          assertThat(response.bodyAsJsonObject().getString("outcome")).isEqualTo("confirmed");
          testContext.completeNow();
        })));
  }

  @Test
  void aBodyOverTheLimitGets413(VertxTestContext testContext) {
    api.request(HttpMethod.POST, messages)
        .putHeader("Content-Type", "application/x-www-form-urlencoded")
        .sendBuffer(Buffer.buffer("Body=" + "a".repeat(2 * 1024 * 1024)))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(413);
          testContext.completeNow();
        })));
  }

  private Future<List<String>> createSequentially(String to, int count) {
    Future<List<String>> chain = Future.succeededFuture(List.of());
    for (int i = 0; i < count; i++) {
      int n = i;
      chain = chain.compose(sids -> api.post(messages, form("To", to, "From", SENDER, "Body", "n" + n))
          .map(response -> {
            List<String> next = new java.util.ArrayList<>(sids);
            next.add(response.bodyAsJsonObject().getString("sid"));
            return next;
          }));
    }
    return chain;
  }

  private static List<String> sids(JsonObject page) {
    JsonArray records = page.getJsonArray("messages");
    return records.stream().map(o -> ((JsonObject) o).getString("sid")).toList();
  }

  private static int code(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject().getInteger("code");
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }
}
