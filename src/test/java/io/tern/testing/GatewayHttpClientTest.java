package io.tern.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.messaging.v1.Service;
import com.twilio.type.PhoneNumber;
import io.tern.testing.RecordingHttpServer.CannedResponse;
import io.tern.testing.RecordingHttpServer.RecordedRequest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class GatewayHttpClientTest {

  private static final JsonObject MESSAGE = Samples.load("message");
  private static final String ACCOUNT_SID = MESSAGE.getString("account_sid");
  private static final String AUTH_TOKEN = "3f6a9c2e5b8d1f4a7c0e3b6d9f2a5c8e";
  private static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

  private volatile Function<RecordedRequest, CannedResponse> answers = request -> null;
  private RecordingHttpServer twilio;
  private TwilioRestClient client;

  @BeforeEach
  void startFakeTwilio(Vertx vertx, VertxTestContext testContext) {
    RecordingHttpServer.start(vertx, request -> answers.apply(request))
        .onComplete(testContext.succeeding(server -> {
          twilio = server;
          client = GatewayHttpClient.client(server.baseUrl(), ACCOUNT_SID, AUTH_TOKEN);
          testContext.completeNow();
        }));
  }

  @AfterEach
  void stopFakeTwilio(VertxTestContext testContext) {
    twilio.close().onComplete(testContext.succeedingThenComplete());
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void messageCreateArrivesAsTwilioFormPostAndParsesTheAnswer(Vertx vertx, VertxTestContext testContext) {
    answers = request -> CannedResponse.json(201, MESSAGE);

    // The SDK blocks, so it runs on a worker thread, never on the server's event loop.
    vertx.executeBlocking(() -> Message.creator(
            new PhoneNumber("+14155550123"), new PhoneNumber("+14155550100"), "hi").create(client))
        .onComplete(testContext.succeeding(message -> testContext.verify(() -> {
          assertThat(message.getSid()).isEqualTo(MESSAGE.getString("sid"));
          assertThat(message.getStatus()).isEqualTo(Message.Status.QUEUED);
          // twilio-java turns a date it cannot parse into null, so this proves the format.
          assertThat(message.getDateCreated()).isNotNull();
          assertThat(message.getDateCreated().toInstant()).isEqualTo(Instant.parse("2025-01-06T14:03:07Z"));

          assertThat(twilio.requests()).hasSize(1);
          RecordedRequest create = twilio.requests().get(0);
          assertThat(create.method()).isEqualTo("POST");
          assertThat(create.path()).isEqualTo(MESSAGES_PATH);
          assertThat(create.headers().get("Authorization")).isEqualTo(basic(ACCOUNT_SID, AUTH_TOKEN));
          assertThat(create.headers().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
          assertThat(create.form()).containsExactlyInAnyOrderEntriesOf(Map.of(
              "To", List.of("+14155550123"), "From", List.of("+14155550100"), "Body", List.of("hi")));
          testContext.completeNow();
        })));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void twilioErrorBodyBecomesApiException(Vertx vertx, VertxTestContext testContext) {
    answers = request -> CannedResponse.json(400, Samples.load("error"));

    vertx.executeBlocking(() -> Message.creator(
            new PhoneNumber("+1555"), new PhoneNumber("+14155550100"), "hi").create(client))
        .onComplete(testContext.failing(failure -> testContext.verify(() -> {
          assertThat(failure).isInstanceOfSatisfying(ApiException.class, error -> {
            assertThat(error.getCode()).isEqualTo(21211);
            assertThat(error.getStatusCode()).isEqualTo(400);
            assertThat(error.getMoreInfo()).isEqualTo("https://www.twilio.com/docs/errors/21211");
          });
          testContext.completeNow();
        })));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void messageReaderFollowsNextPageUriThroughTheRewrite(Vertx vertx, VertxTestContext testContext) {
    JsonObject firstPage = Samples.load("message-list");
    String nextPageUri = firstPage.getString("next_page_uri");
    JsonObject secondPage = secondMessagePage(firstPage);
    JsonSchemas.assertValid("message-list", secondPage);
    answers = request -> request.path().equals(MESSAGES_PATH)
        ? CannedResponse.json(200, request.queryParams().containsKey("PageToken") ? secondPage : firstPage)
        : null;

    vertx.executeBlocking(() -> sids(Message.reader().read(client), Message::getSid))
        .onComplete(testContext.succeeding(sids -> testContext.verify(() -> {
          assertThat(sids).containsExactly(
              sidAt(firstPage, "messages", 0), sidAt(firstPage, "messages", 1), sidAt(secondPage, "messages", 0));
          assertThat(twilio.requests()).hasSize(2);
          RecordedRequest next = twilio.requests().get(1);
          assertThat(next.method()).isEqualTo("GET");
          assertThat(next.path()).isEqualTo(MESSAGES_PATH);
          assertThat(next.path() + "?" + next.query()).isEqualTo(nextPageUri);
          assertThat(next.headers().get("Authorization")).isEqualTo(basic(ACCOUNT_SID, AUTH_TOKEN));
          testContext.completeNow();
        })));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void serviceReaderFollowsTwilioHostedNextPageUrl(Vertx vertx, VertxTestContext testContext) {
    followV1Pages(vertx, testContext, "https://messaging.twilio.com");
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void serviceReaderFollowsNextPageUrlOnTheGatewaysOwnHost(Vertx vertx, VertxTestContext testContext) {
    followV1Pages(vertx, testContext, twilio.baseUrl());
  }

  private void followV1Pages(Vertx vertx, VertxTestContext testContext, String pageHost) {
    JsonObject firstPage = Samples.load("v1-service-list");
    String nextQuery = "PageSize=50&Page=1&PageToken=PT" + sidAt(firstPage, "services", 0);
    firstPage.getJsonObject("meta").put("next_page_url", pageHost + "/v1/Services?" + nextQuery);
    JsonObject secondPage = secondServicePage(firstPage);
    JsonSchemas.assertValid("v1-service-list", firstPage);
    JsonSchemas.assertValid("v1-service-list", secondPage);
    answers = request -> request.path().equals("/v1/Services")
        ? CannedResponse.json(200, request.queryParams().containsKey("PageToken") ? secondPage : firstPage)
        : null;

    vertx.executeBlocking(() -> sids(Service.reader().read(client), Service::getSid))
        .onComplete(testContext.succeeding(sids -> testContext.verify(() -> {
          assertThat(sids).containsExactly(sidAt(firstPage, "services", 0), sidAt(secondPage, "services", 0));
          assertThat(twilio.requests()).extracting(RecordedRequest::path)
              .containsExactly("/v1/Services", "/v1/Services");
          assertThat(twilio.requests().get(1).query()).isEqualTo(nextQuery);
          assertThat(twilio.requests().get(1).headers().get("Authorization"))
              .isEqualTo(basic(ACCOUNT_SID, AUTH_TOKEN));
          testContext.completeNow();
        })));
  }

  @Test
  void rewritesOnlyTwilioOrigins() {
    GatewayHttpClient gateway = new GatewayHttpClient("http://127.0.0.1:8080/");

    assertThat(gateway.rewriteUrl("https://api.twilio.com/2010-04-01/Accounts.json"))
        .isEqualTo("http://127.0.0.1:8080/2010-04-01/Accounts.json");
    assertThat(gateway.rewriteUrl("https://messaging.twilio.com/v1/Services?PageSize=50&Page=1"))
        .isEqualTo("http://127.0.0.1:8080/v1/Services?PageSize=50&Page=1");
    assertThat(gateway.rewriteUrl("https://api.twilio.com.example.net/2010-04-01/Accounts.json"))
        .isEqualTo("https://api.twilio.com.example.net/2010-04-01/Accounts.json");
    assertThat(gateway.rewriteUrl("http://127.0.0.1:9090/v1/Services?Page=1"))
        .isEqualTo("http://127.0.0.1:9090/v1/Services?Page=1");
  }

  @Test
  void redirectKeepsEverythingButTheOriginAndIgnoresRegion() throws Exception {
    Request original = new Request(HttpMethod.POST, "https://api.twilio.com" + MESSAGES_PATH);
    original.addPostParam("To", "+14155550123");
    original.addPostParam("MediaUrl", "https://example.com/a.jpg");
    original.addPostParam("MediaUrl", "https://example.com/b.jpg");
    original.addQueryParam("PageSize", "20");
    original.addHeaderParam("X-Custom", "yes");
    original.setAuth(ACCOUNT_SID, AUTH_TOKEN);
    original.setRegion("ie1");

    Request redirected = new GatewayHttpClient("http://127.0.0.1:8080").redirect(original);

    assertThat(redirected.getMethod()).isEqualTo(HttpMethod.POST);
    assertThat(redirected.getPostParams()).isEqualTo(original.getPostParams());
    assertThat(redirected.getQueryParams()).isEqualTo(original.getQueryParams());
    assertThat(redirected.getHeaderParams()).isEqualTo(original.getHeaderParams());
    assertThat(redirected.getAuthString()).isEqualTo(basic(ACCOUNT_SID, AUTH_TOKEN));
    assertThat(redirected.constructURL().toString())
        .isEqualTo("http://127.0.0.1:8080" + MESSAGES_PATH + "?PageSize=20");
  }

  private static JsonObject secondMessagePage(JsonObject firstPage) {
    String sid = MESSAGE.getString("sid");
    JsonObject third = new JsonObject(MESSAGE.encode().replace(sid, "SM" + "0123456789abcdef".repeat(2)));
    return firstPage.copy()
        .put("page", 1)
        .put("start", 2)
        .put("end", 2)
        .put("previous_page_uri", firstPage.getString("first_page_uri"))
        .put("uri", firstPage.getString("next_page_uri"))
        .putNull("next_page_uri")
        .put("messages", new JsonArray().add(third));
  }

  private static JsonObject secondServicePage(JsonObject firstPage) {
    JsonObject service = firstPage.getJsonArray("services").getJsonObject(0);
    String sid = service.getString("sid");
    JsonObject other = new JsonObject(service.encode().replace(sid, "MG" + "fedcba9876543210".repeat(2)));
    JsonObject page = new JsonObject().put("services", new JsonArray().add(other));
    JsonObject meta = firstPage.getJsonObject("meta").copy();
    page.put("meta", meta
        .put("page", 1)
        .put("previous_page_url", meta.getString("first_page_url"))
        .put("url", meta.getString("next_page_url"))
        .putNull("next_page_url"));
    return page;
  }

  private static String sidAt(JsonObject page, String key, int index) {
    return page.getJsonArray(key).getJsonObject(index).getString("sid");
  }

  /** Iterating a ResourceSet is what fetches the following pages. */
  private static <T> List<String> sids(Iterable<T> resources, Function<T, String> sid) {
    List<String> sids = new ArrayList<>();
    resources.forEach(resource -> sids.add(sid.apply(resource)));
    return sids;
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.US_ASCII));
  }
}
