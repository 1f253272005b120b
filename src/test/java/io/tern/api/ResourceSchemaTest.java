package io.tern.api;

import static io.tern.testing.ApiClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.Gateway;
import io.tern.store.Account;
import io.tern.store.PhoneNumber;
import io.tern.message.Sids;
import io.tern.testing.ApiClient;
import io.tern.testing.Eventually;
import io.tern.testing.JsonSchemas;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every JSON body Tern emits, drawn from every resource over raw HTTP, checked against the
 * project's schema of that Twilio resource: single records, first, middle, last and empty pages,
 * and each kind of error. A body that passes is one the SDKs read without losing a field.
 *
 * <p>An assertion that fails inside a {@code compose} step fails the chain, which reaches the
 * test context through {@code succeeding(...)}: no step needs its own {@code verify}.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class ResourceSchemaTest {
  private static final String SENDER = "+14155550100";
  private static final String RECIPIENT = "+14155550123";
  /** Sends only the messages whose later states are checked, so none waits behind others. */
  private static final String QUIET_SENDER = "+14155550190";
  /** The simulated carrier's unreachable handset: the message ends undelivered with 30003. */
  private static final String UNREACHABLE = "+15005559991";

  private Gateway gateway;
  private Account main;
  private ApiClient api;
  private HttpServer mediaHost;
  private String messages;

  @BeforeAll
  void start(Vertx vertx, VertxTestContext testContext) {
    TestGateway.inMemory(vertx)
        .compose(started -> {
          gateway = started;
          main = started.mainAccount();
          api = ApiClient.as(WebClient.create(vertx), started, main);
          messages = "/2010-04-01/Accounts/" + main.sid() + "/Messages.json";
          return Future.all(register(SENDER), register(QUIET_SENDER));
        })
        .compose(registered -> vertx.createHttpServer()
            .requestHandler(request -> request.response()
                .putHeader("Content-Type", "image/png")
                .end(Buffer.buffer(png())))
            .listen(0, "127.0.0.1"))
        .onSuccess(server -> mediaHost = server)
        .onComplete(testContext.succeedingThenComplete());
  }

  private Future<PhoneNumber> register(String number) {
    Instant now = Instant.now();
    return gateway.components().accounts().addPhoneNumber(new PhoneNumber(
        Sids.generate(Sids.PHONE_NUMBER), main.sid(), number, null, null, null, null, now, now));
  }

  @AfterAll
  void stop(VertxTestContext testContext) {
    Future.all(gateway.stop(), mediaHost.close()).onComplete(testContext.succeedingThenComplete());
  }

  // Messages, Media, Feedback

  @Test
  void messageAsCreatedFetchedAndInPages(VertxTestContext testContext) {
    String to = "+14155550301";
    String filter = messages + "?To=" + encode(to) + "&PageSize=2";
    createMessages(to, 5)
        .compose(created -> {
          created.forEach(body -> JsonSchemas.assertValid("message", body));
          return api.get(created.get(0).getString("uri"));
        })
        .compose(fetched -> {
          assertJson("message", fetched, 200);
          return api.get(filter);
        })
        .compose(first -> {
          JsonObject page = assertJson("message-list", first, 200);
          return api.get(page.getString("next_page_uri"));
        })
        .compose(middle -> {
          JsonObject page = assertJson("message-list", middle, 200);
          assertThat(page.getInteger("page")).isEqualTo(1);
          assertThat(page.getString("next_page_uri")).isNotNull();
          return api.get(page.getString("next_page_uri"));
        })
        .compose(last -> {
          JsonObject page = assertJson("message-list", last, 200);
          assertThat(page.getValue("next_page_uri")).isNull();
          return api.get(messages + "?To=" + encode("+14155550399"));
        })
        .onComplete(testContext.succeeding(empty -> testContext.verify(() -> {
          JsonObject page = assertJson("message-list", empty, 200);
          assertThat(page.getJsonArray("messages")).isEmpty();
          testContext.completeNow();
        })));
  }

  @Test
  void messageAfterTheCarrierAnswered(Vertx vertx, VertxTestContext testContext) {
    Future.all(
            api.post(messages, form("To", RECIPIENT, "From", QUIET_SENDER, "Body", "delivered")),
            api.post(messages, form("To", UNREACHABLE, "From", QUIET_SENDER, "Body", "undelivered")))
        .compose(created -> Future.all(
            untilFinal(vertx, created.<HttpResponse<Buffer>>resultAt(0).bodyAsJsonObject().getString("uri")),
            untilFinal(vertx, created.<HttpResponse<Buffer>>resultAt(1).bodyAsJsonObject().getString("uri"))))
        .onComplete(testContext.succeeding(finals -> testContext.verify(() -> {
          JsonObject delivered = assertJson("message", finals.resultAt(0), 200);
          JsonObject undelivered = assertJson("message", finals.resultAt(1), 200);
          assertThat(delivered.getString("status")).isEqualTo("delivered");
          assertThat(delivered.getString("date_sent")).isNotNull();
          assertThat(undelivered.getString("status")).isEqualTo("undelivered");
          assertThat(undelivered.getInteger("error_code")).isEqualTo(30003);
          testContext.completeNow();
        })));
  }

  private Future<HttpResponse<Buffer>> untilFinal(Vertx vertx, String uri) {
    return Eventually.poll(vertx, () -> api.get(uri),
        response -> List.of("delivered", "undelivered", "failed")
            .contains(response.bodyAsJsonObject().getString("status")),
        15_000);
  }

  @Test
  void mediaOfAnMmsAndOfAnSms(VertxTestContext testContext) {
    String logo = "http://127.0.0.1:" + mediaHost.actualPort() + "/logo.png";
    api.post(messages, form("To", RECIPIENT, "From", SENDER, "MediaUrl", logo, "MediaUrl", logo))
        .compose(mms -> {
          JsonObject message = assertJson("message", mms, 201);
          return api.get(message.getJsonObject("subresource_uris").getString("media"));
        })
        .compose(list -> {
          JsonObject page = assertJson("media-list", list, 200);
          assertThat(page.getJsonArray("media_list")).hasSize(2);
          return api.get(page.getJsonArray("media_list").getJsonObject(0).getString("uri"))
              .compose(media -> {
                assertJson("media", media, 200);
                return api.get(page.getString("uri").replace("PageSize=50", "PageSize=1"));
              });
        })
        .compose(firstOfTwo -> {
          JsonObject page = assertJson("media-list", firstOfTwo, 200);
          assertThat(page.getString("next_page_uri")).isNotNull();
          return api.get(page.getString("next_page_uri"));
        })
        .compose(secondOfTwo -> {
          assertJson("media-list", secondOfTwo, 200);
          return api.post(messages, form("To", RECIPIENT, "From", SENDER, "Body", "no media"));
        })
        .compose(sms -> api.get(sms.bodyAsJsonObject().getJsonObject("subresource_uris").getString("media")))
        .onComplete(testContext.succeeding(none -> testContext.verify(() -> {
          assertThat(assertJson("media-list", none, 200).getJsonArray("media_list")).isEmpty();
          testContext.completeNow();
        })));
  }

  @Test
  void feedback(VertxTestContext testContext) {
    api.post(messages, form("To", RECIPIENT, "From", SENDER, "Body", "code 1234"))
        .compose(created -> api.post(
            created.bodyAsJsonObject().getJsonObject("subresource_uris").getString("feedback"),
            form("Outcome", "unconfirmed")))
        .onComplete(testContext.succeeding(feedback -> testContext.verify(() -> {
          assertThat(assertJson("feedback", feedback, 200).getString("outcome")).isEqualTo("unconfirmed");
          testContext.completeNow();
        })));
  }

  // Accounts, numbers, short codes and caller IDs

  @Test
  void accountAsCreatedFetchedUpdatedAndInPages(VertxTestContext testContext) {
    String accounts = "/2010-04-01/Accounts.json";
    api.post(accounts, form("FriendlyName", "Schema shop"))
        .compose(created -> {
          JsonObject account = assertJson("account", created, 201);
          String uri = account.getString("uri");
          return Future.all(
              api.get(uri),
              api.post(uri, form("Status", "suspended")),
              api.post("/2010-04-01/Accounts.json", form("FriendlyName", "Trial shop", "Type", "Trial")),
              api.get("/2010-04-01/Accounts/" + main.sid() + ".json"));
        })
        .compose(all -> {
          assertJson("account", all.resultAt(0), 200);
          assertThat(assertJson("account", all.resultAt(1), 200).getString("status")).isEqualTo("suspended");
          assertThat(assertJson("account", all.resultAt(2), 201).getString("type")).isEqualTo("Trial");
          assertJson("account", all.resultAt(3), 200);
          return api.get(accounts + "?PageSize=1");
        })
        .compose(first -> {
          JsonObject page = assertJson("account-list", first, 200);
          assertThat(page.getString("next_page_uri")).isNotNull();
          return api.get(page.getString("next_page_uri"));
        })
        .compose(second -> {
          JsonObject page = assertJson("account-list", second, 200);
          assertThat(page.getInteger("page")).isEqualTo(1);
          return api.get(accounts + "?FriendlyName=" + encode("No such shop"));
        })
        .onComplete(testContext.succeeding(empty -> testContext.verify(() -> {
          assertThat(assertJson("account-list", empty, 200).getJsonArray("accounts")).isEmpty();
          testContext.completeNow();
        })));
  }

  @Test
  void incomingPhoneNumbers(VertxTestContext testContext) {
    String numbers = "/2010-04-01/Accounts/" + main.sid() + "/IncomingPhoneNumbers.json";
    Future.all(
            api.post(numbers, form("PhoneNumber", "+14155550601", "FriendlyName", "Line one")),
            api.post(numbers, form("PhoneNumber", "+14155550602", "SmsUrl", "https://example.com/sms")))
        .compose(created -> {
          JsonObject first = assertJson("incoming-phone-number", created.resultAt(0), 201);
          assertJson("incoming-phone-number", created.resultAt(1), 201);
          return Future.all(
              api.get(first.getString("uri")),
              api.get(numbers + "?PhoneNumber=" + encode("+1415555060*") + "&PageSize=1"),
              api.get(numbers + "?PhoneNumber=" + encode("+19999999999")));
        })
        .compose(all -> {
          assertJson("incoming-phone-number", all.resultAt(0), 200);
          assertThat(assertJson("incoming-phone-number-list", all.resultAt(2), 200)
              .getJsonArray("incoming_phone_numbers")).isEmpty();
          JsonObject page = assertJson("incoming-phone-number-list", all.resultAt(1), 200);
          return api.get(page.getString("next_page_uri"));
        })
        .onComplete(testContext.succeeding(second -> testContext.verify(() -> {
          assertThat(assertJson("incoming-phone-number-list", second, 200)
              .getJsonArray("incoming_phone_numbers")).hasSize(1);
          testContext.completeNow();
        })));
  }

  @Test
  void shortCodes(VertxTestContext testContext) {
    String shortCodes = "/2010-04-01/Accounts/" + main.sid() + "/SMS/ShortCodes.json";
    Future.all(
            api.post(shortCodes, form("ShortCode", "55601")),
            api.post(shortCodes, form("ShortCode", "55602", "CountryCode", "CA", "FriendlyName", "Canada")))
        .compose(created -> {
          JsonObject first = assertJson("short-code", created.resultAt(0), 201);
          assertJson("short-code", created.resultAt(1), 201);
          return Future.all(
              api.get(first.getString("uri")),
              api.get(shortCodes + "?PageSize=1"),
              api.get(shortCodes + "?ShortCode=99999"));
        })
        .compose(all -> {
          assertJson("short-code", all.resultAt(0), 200);
          assertThat(assertJson("short-code-list", all.resultAt(2), 200).getJsonArray("short_codes")).isEmpty();
          JsonObject page = assertJson("short-code-list", all.resultAt(1), 200);
          return api.get(page.getString("next_page_uri"));
        })
        .onComplete(testContext.succeeding(second -> testContext.verify(() -> {
          assertJson("short-code-list", second, 200);
          testContext.completeNow();
        })));
  }

  @Test
  void outgoingCallerIds(VertxTestContext testContext) {
    String callerIds = "/2010-04-01/Accounts/" + main.sid() + "/OutgoingCallerIds.json";
    Future.all(
            api.post(callerIds, form("PhoneNumber", "+14155550701", "FriendlyName", "Mum")),
            api.post(callerIds, form("PhoneNumber", "+14155550702")))
        .compose(created -> api.get(callerIds + "?PageSize=1"))
        .compose(first -> {
          JsonObject page = assertJson("outgoing-caller-id-list", first, 200);
          return Future.all(
              api.get(page.getJsonArray("outgoing_caller_ids").getJsonObject(0).getString("uri")),
              api.get(page.getString("next_page_uri")),
              api.get(callerIds + "?PhoneNumber=" + encode("+19999999999")));
        })
        .onComplete(testContext.succeeding(all -> testContext.verify(() -> {
          assertJson("outgoing-caller-id", all.resultAt(0), 200);
          assertJson("outgoing-caller-id-list", all.resultAt(1), 200);
          assertThat(assertJson("outgoing-caller-id-list", all.resultAt(2), 200)
              .getJsonArray("outgoing_caller_ids")).isEmpty();
          testContext.completeNow();
        })));
  }

  // Messaging Services and their sender pools (v1)

  @Test
  void servicesAsCreatedFetchedUpdatedAndInPages(VertxTestContext testContext) {
    Future.all(createService("Schema service 1"), createService("Schema service 2"), createService("Schema service 3"))
        .compose(created -> {
          JsonObject first = assertJson("v1-service", created.resultAt(0), 201);
          assertJson("v1-service", created.resultAt(1), 201);
          assertJson("v1-service", created.resultAt(2), 201);
          String path = pathOf(first.getString("url"));
          return Future.all(
              api.get(path),
              api.post(path, form("FriendlyName", "Renamed", "StickySender", "false", "ValidityPeriod", "600")),
              api.get("/v1/Services?PageSize=2"));
        })
        .compose(all -> {
          assertJson("v1-service", all.resultAt(0), 200);
          assertJson("v1-service", all.resultAt(1), 200);
          JsonObject firstPage = assertJson("v1-service-list", all.resultAt(2), 200);
          assertThat(firstPage.getJsonObject("meta").getString("next_page_url")).isNotNull();
          return api.get(pathOf(firstPage.getJsonObject("meta").getString("next_page_url")));
        })
        .compose(second -> {
          JsonObject page = assertJson("v1-service-list", second, 200);
          assertThat(page.getJsonObject("meta").getString("previous_page_url")).isNotNull();
          // Services belong to the account that created them: a new subaccount has none.
          return emptyHandedSubaccount().compose(sub -> sub.get("/v1/Services"));
        })
        .onComplete(testContext.succeeding(empty -> testContext.verify(() -> {
          assertThat(assertJson("v1-service-list", empty, 200).getJsonArray("services")).isEmpty();
          testContext.completeNow();
        })));
  }

  @Test
  void servicePhoneNumbers(VertxTestContext testContext) {
    String numbers = "/2010-04-01/Accounts/" + main.sid() + "/IncomingPhoneNumbers.json";
    Future.all(
            createService("Numbers pool").map(response -> response.bodyAsJsonObject().getString("sid")),
            api.post(numbers, form("PhoneNumber", "+14155550801")).map(ResourceSchemaTest::sid),
            api.post(numbers, form("PhoneNumber", "+14155550802")).map(ResourceSchemaTest::sid))
        .compose(setUp -> {
          String pool = "/v1/Services/" + setUp.resultAt(0) + "/PhoneNumbers";
          return api.get(pool)
              .compose(empty -> {
                assertThat(assertJson("v1-phone-number-list", empty, 200).getJsonArray("phone_numbers")).isEmpty();
                return Future.all(
                    api.post(pool, form("PhoneNumberSid", setUp.resultAt(1))),
                    api.post(pool, form("PhoneNumberSid", setUp.resultAt(2))));
              })
              .compose(created -> {
                JsonObject first = assertJson("v1-phone-number", created.resultAt(0), 201);
                assertJson("v1-phone-number", created.resultAt(1), 201);
                return Future.all(api.get(pathOf(first.getString("url"))), api.get(pool + "?PageSize=1"));
              });
        })
        .compose(all -> {
          assertJson("v1-phone-number", all.resultAt(0), 200);
          JsonObject page = assertJson("v1-phone-number-list", all.resultAt(1), 200);
          return api.get(pathOf(page.getJsonObject("meta").getString("next_page_url")));
        })
        .onComplete(testContext.succeeding(second -> testContext.verify(() -> {
          assertThat(assertJson("v1-phone-number-list", second, 200).getJsonArray("phone_numbers")).hasSize(1);
          testContext.completeNow();
        })));
  }

  @Test
  void serviceShortCodes(VertxTestContext testContext) {
    String shortCodes = "/2010-04-01/Accounts/" + main.sid() + "/SMS/ShortCodes.json";
    Future.all(
            createService("Short code pool").map(response -> response.bodyAsJsonObject().getString("sid")),
            api.post(shortCodes, form("ShortCode", "55801")).map(ResourceSchemaTest::sid),
            api.post(shortCodes, form("ShortCode", "55802", "CountryCode", "GB")).map(ResourceSchemaTest::sid))
        .compose(setUp -> {
          String pool = "/v1/Services/" + setUp.resultAt(0) + "/ShortCodes";
          return api.get(pool)
              .compose(empty -> {
                assertThat(assertJson("v1-short-code-list", empty, 200).getJsonArray("short_codes")).isEmpty();
                return Future.all(
                    api.post(pool, form("ShortCodeSid", setUp.resultAt(1))),
                    api.post(pool, form("ShortCodeSid", setUp.resultAt(2))));
              })
              .compose(created -> {
                JsonObject first = assertJson("v1-short-code", created.resultAt(0), 201);
                assertJson("v1-short-code", created.resultAt(1), 201);
                return Future.all(api.get(pathOf(first.getString("url"))), api.get(pool + "?PageSize=1"));
              });
        })
        .compose(all -> {
          assertJson("v1-short-code", all.resultAt(0), 200);
          JsonObject page = assertJson("v1-short-code-list", all.resultAt(1), 200);
          return api.get(pathOf(page.getJsonObject("meta").getString("next_page_url")));
        })
        .onComplete(testContext.succeeding(second -> testContext.verify(() -> {
          assertJson("v1-short-code-list", second, 200);
          testContext.completeNow();
        })));
  }

  @Test
  void serviceAlphaSenders(VertxTestContext testContext) {
    createService("Alpha pool")
        .map(response -> "/v1/Services/" + response.bodyAsJsonObject().getString("sid") + "/AlphaSenders")
        .compose(pool -> api.get(pool)
            .compose(empty -> {
              assertThat(assertJson("v1-alpha-sender-list", empty, 200).getJsonArray("alpha_senders")).isEmpty();
              return api.post(pool, form("AlphaSender", "Acme Shop"));
            })
            .compose(created -> {
              JsonObject alpha = assertJson("v1-alpha-sender", created, 201);
              return Future.all(api.get(pathOf(alpha.getString("url"))), api.get(pool));
            }))
        .onComplete(testContext.succeeding(all -> testContext.verify(() -> {
          assertJson("v1-alpha-sender", all.resultAt(0), 200);
          assertThat(assertJson("v1-alpha-sender-list", all.resultAt(1), 200).getJsonArray("alpha_senders")).hasSize(1);
          testContext.completeNow();
        })));
  }

  @Test
  void errorsOfTheV1Api(VertxTestContext testContext) {
    Future.all(
            api.get("/v1/Services/MG0123456789abcdef0123456789abcdef"),
            api.post("/v1/Services", form("StickySender", "true")),
            api.withCredentials(main.sid(), "0".repeat(32)).get("/v1/Services"),
            api.request(HttpMethod.PUT, "/v1/Services").send())
        .onComplete(testContext.succeeding(all -> testContext.verify(() -> {
          assertError(all.resultAt(0), 404, 20404);
          assertError(all.resultAt(1), 400, 20001);
          assertError(all.resultAt(2), 401, 20003);
          assertError(all.resultAt(3), 405, 20004);
          testContext.completeNow();
        })));
  }

  private Future<HttpResponse<Buffer>> createService(String friendlyName) {
    return api.post("/v1/Services", form("FriendlyName", friendlyName));
  }

  /** A client acting as a new subaccount of the main account. */
  private Future<ApiClient> emptyHandedSubaccount() {
    return api.post("/2010-04-01/Accounts.json", form("FriendlyName", "Empty-handed"))
        .map(HttpResponse::bodyAsJsonObject)
        .map(sub -> api.withCredentials(sub.getString("sid"), sub.getString("auth_token")));
  }

  private static String sid(HttpResponse<Buffer> created) {
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("sid");
  }

  /** The path and query of an absolute v1 URL, for the client that knows the gateway's address. */
  private static String pathOf(String url) {
    URI uri = URI.create(url);
    return uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
  }

  // Errors

  @Test
  void errorOfAWrongToken(VertxTestContext testContext) {
    api.withCredentials(main.sid(), "0".repeat(32)).get(messages)
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertError(response, 401, 20003);
          testContext.completeNow();
        })));
  }

  @Test
  void errorOfMissingCredentials(VertxTestContext testContext) {
    api.withCredentials(null, null).get(messages)
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertError(response, 401, 20003);
          testContext.completeNow();
        })));
  }

  @Test
  void errorOfAnUnknownRecordAndAnUnknownPath(VertxTestContext testContext) {
    Future.all(
            api.get("/2010-04-01/Accounts/" + main.sid() + "/Messages/SM0123456789abcdef0123456789abcdef.json"),
            api.get("/2010-04-01/Accounts/" + main.sid() + "/Calls.json"),
            api.get("/nowhere"))
        .onComplete(testContext.succeeding(all -> testContext.verify(() -> {
          assertError(all.resultAt(0), 404, 20404);
          assertError(all.resultAt(1), 404, 20404);
          assertError(all.resultAt(2), 404, 20404);
          testContext.completeNow();
        })));
  }

  @Test
  void errorOfAnInvalidRequest(VertxTestContext testContext) {
    Future.all(
            api.post(messages, form("To", "+1415", "From", SENDER, "Body", "hi")),
            api.post(messages, form("From", SENDER, "Body", "hi")),
            api.get(messages + "?DateSent%3E=yesterday"),
            api.post("/2010-04-01/Accounts/" + main.sid() + "/IncomingPhoneNumbers.json",
                form("PhoneNumber", "555-0100")))
        .onComplete(testContext.succeeding(all -> testContext.verify(() -> {
          assertError(all.resultAt(0), 400, 21211);
          assertError(all.resultAt(1), 400, 21604);
          assertError(all.resultAt(2), 400, 20001);
          assertError(all.resultAt(3), 400, 21401);
          testContext.completeNow();
        })));
  }

  @Test
  void errorOfAForbiddenRequest(VertxTestContext testContext) {
    api.post("/2010-04-01/Accounts.json", form("FriendlyName", "Child"))
        .compose(created -> {
          JsonObject child = created.bodyAsJsonObject();
          return api.withCredentials(child.getString("sid"), child.getString("auth_token"))
              .post("/2010-04-01/Accounts.json", form("FriendlyName", "Grandchild"));
        })
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertError(response, 403, 20403);
          testContext.completeNow();
        })));
  }

  @Test
  void errorOfAMethodNotAllowed(VertxTestContext testContext) {
    api.request(HttpMethod.PUT, messages).sendForm(form("To", RECIPIENT))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertError(response, 405, 20004);
          testContext.completeNow();
        })));
  }

  @Test
  void errorOfABodyOverTheLimit(VertxTestContext testContext) {
    api.request(HttpMethod.POST, messages)
        .putHeader("Content-Type", "application/x-www-form-urlencoded")
        .sendBuffer(Buffer.buffer("Body=" + "a".repeat(2 * 1024 * 1024)))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertError(response, 413, 20413);
          testContext.completeNow();
        })));
  }

  // Helpers

  /** The body as JSON, after checking its status, its content type and its schema. */
  private static JsonObject assertJson(String schema, HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as("status of %s", response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).startsWith("application/json");
    JsonObject body = response.bodyAsJsonObject();
    JsonSchemas.assertValid(schema, body);
    return body;
  }

  private static void assertError(HttpResponse<Buffer> response, int status, int code) {
    JsonObject error = assertJson("error", response, status);
    assertThat(error.getInteger("code")).isEqualTo(code);
    assertThat(error.getInteger("status")).isEqualTo(status);
  }

  private Future<List<JsonObject>> createMessages(String to, int count) {
    Future<List<JsonObject>> chain = Future.succeededFuture(List.of());
    for (int i = 0; i < count; i++) {
      String body = "message " + i;
      chain = chain.compose(bodies -> api.post(messages, form("To", to, "From", SENDER, "Body", body))
          .map(response -> {
            List<JsonObject> next = new ArrayList<>(bodies);
            next.add(response.bodyAsJsonObject());
            return next;
          }));
    }
    return chain;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A real PNG of one pixel, which passes the media check's signature test. */
  private static byte[] png() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
