package io.tern.api;

import static io.tern.testing.ApiClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.Gateway;
import io.tern.store.Account;
import io.tern.store.PhoneNumber;
import io.tern.store.Sids;
import io.tern.testing.ApiClient;
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
          Instant now = Instant.now();
          return started.components().accounts().addPhoneNumber(new PhoneNumber(
              Sids.generate(Sids.PHONE_NUMBER), main.sid(), SENDER, null, null, null, null, now, now));
        })
        .compose(registered -> vertx.createHttpServer()
            .requestHandler(request -> request.response()
                .putHeader("Content-Type", "image/png")
                .end(Buffer.buffer(png())))
            .listen(0, "127.0.0.1"))
        .onSuccess(server -> mediaHost = server)
        .onComplete(testContext.succeedingThenComplete());
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
            api.get(messages + "?DateSent%3E=yesterday"))
        .onComplete(testContext.succeeding(all -> testContext.verify(() -> {
          assertError(all.resultAt(0), 400, 21211);
          assertError(all.resultAt(1), 400, 21604);
          assertError(all.resultAt(2), 400, 20001);
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
