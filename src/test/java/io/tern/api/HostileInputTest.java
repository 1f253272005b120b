package io.tern.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.Gateway;
import io.tern.message.Sids;
import io.tern.store.PhoneNumber;
import io.tern.testing.ApiClient;
import io.tern.testing.GatewayApiTest;
import io.tern.testing.RawHttp;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests a hostile or careless client sends, written byte by byte on a socket: each gets the
 * right 4xx with Twilio's JSON error, never a 5xx. On PostgreSQL, which refuses NUL bytes that
 * the in-memory store would take.
 */
@Timeout(60)
class HostileInputTest extends GatewayApiTest {
  private static final String SENDER = "+14155550100";
  private static final String RECIPIENT = "+14155550123";

  private String account;
  private String messageSid;
  private String serviceSid;

  @Override
  protected Future<Gateway> startGateway(Vertx vertx) {
    return TestGateway.onPostgres(vertx, "hostile_input");
  }

  @Override
  protected Future<?> prepare() {
    account = "/2010-04-01/Accounts/" + main.sid();
    Instant now = Instant.now();
    return gateway.components().accounts().addPhoneNumber(new PhoneNumber(
            Sids.generate(Sids.PHONE_NUMBER), main.sid(), SENDER, null, null, null, null, now, now))
        .compose(added -> api.post(account + "/Messages.json",
            ApiClient.form("To", RECIPIENT, "From", SENDER, "Body", "hello")))
        .compose(created -> {
          messageSid = created.bodyAsJsonObject().getString("sid");
          return api.post("/v1/Services", ApiClient.form("FriendlyName", "pool"));
        })
        .onSuccess(created -> serviceSid = created.bodyAsJsonObject().getString("sid"));
  }

  // NUL bytes

  @Test
  void aBodyWithANulByteIsRefusedAsUnprintable() {
    RawHttp.Answer answer = post(account + "/Messages.json",
        "To=" + enc(RECIPIENT) + "&From=" + enc(SENDER) + "&Body=a%00b");

    assertTwilioError(answer, 400, 21602);
  }

  @Test
  void aNulByteInAnotherParameterIsABadRequest() {
    RawHttp.Answer answer = post("/v1/Services", "FriendlyName=a%00b");

    assertTwilioError(answer, 400, 20001);
  }

  @Test
  void aNulByteInAPathSidFindsNothing() {
    assertTwilioError(get(account + "/Messages/SM%00.json"), 404, 20404);
  }

  @Test
  void aNulByteInAPageTokenIsABadRequest() {
    assertTwilioError(get(account + "/Messages.json?PageToken=PA%00"), 400, 20001);
  }

  @Test
  void aBasicCredentialWithANulByteIsNotAuthenticated() {
    String credential = Base64.getEncoder().encodeToString(
        (main.sid() + "\0:" + main.authToken()).getBytes(StandardCharsets.UTF_8));
    RawHttp.Answer answer = RawHttp.exchange(gateway.port(), "GET " + account + "/Messages.json HTTP/1.1\r\n"
        + "Host: 127.0.0.1\r\nAuthorization: Basic " + credential + "\r\nConnection: close\r\n\r\n");

    assertTwilioError(answer, 401, 20003);
  }

  @Test
  void aNulByteInTheUserNameOfAnUnknownAccountIsNotAuthenticated() {
    String credential = Base64.getEncoder().encodeToString(
        "AC\0nobody:secret".getBytes(StandardCharsets.UTF_8));
    RawHttp.Answer answer = RawHttp.exchange(gateway.port(), "GET /2010-04-01/Accounts.json HTTP/1.1\r\n"
        + "Host: 127.0.0.1\r\nAuthorization: Basic " + credential + "\r\nConnection: close\r\n\r\n");

    assertTwilioError(answer, 401, 20003);
  }

  // The last page number an int holds, on every list

  Stream<String> everyList() {
    return Stream.of(
        account + "/Messages.json",
        account + "/Messages/" + messageSid + "/Media.json",
        account + "/Messages/" + messageSid + "/Callbacks.json",
        account + "/IncomingPhoneNumbers.json",
        account + "/SMS/ShortCodes.json",
        account + "/OutgoingCallerIds.json",
        "/2010-04-01/Accounts.json",
        "/v1/Services",
        "/v1/Services/" + serviceSid + "/PhoneNumbers",
        "/v1/Services/" + serviceSid + "/ShortCodes",
        "/v1/Services/" + serviceSid + "/AlphaSenders");
  }

  @ParameterizedTest
  @MethodSource("everyList")
  void theLastIntPageIsAnEmptyPageWithoutOverflow(String list) {
    RawHttp.Answer answer = get(list + "?PageSize=50&Page=2147483647");

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    JsonObject page = answer.json();
    if (page.containsKey("meta")) {
      JsonObject meta = page.getJsonObject("meta");
      assertThat(meta.getLong("page")).isEqualTo(2147483647L);
      assertThat(page.getJsonArray(meta.getString("key"))).isEmpty();
      assertThat(meta.getString("next_page_url")).isNull();
      assertThat(meta.getString("previous_page_url")).contains("Page=2147483646");
    } else {
      // Page is informational on the Messages list, as on Twilio (the token decides), so its
      // page may hold the account's newest messages: end counts them from the same start.
      int records = page.stream().filter(field -> field.getValue() instanceof JsonArray)
          .mapToInt(field -> ((JsonArray) field.getValue()).size()).findFirst().orElseThrow();
      long start = 2147483647L * 50;
      assertThat(page.getLong("page")).isEqualTo(2147483647L);
      assertThat(page.getLong("start")).isEqualTo(start);
      assertThat(page.getLong("end")).isEqualTo(records == 0 ? start : start + records - 1);
      assertThat(page.getString("next_page_uri")).isNull();
    }
  }

  // Requests Vert.x or the router would answer in plain text or not at all

  @Test
  void aGetWithAFormBodyIsAnsweredAsAGet() {
    String body = "To=" + enc(RECIPIENT);
    RawHttp.Answer answer = RawHttp.exchange(gateway.port(), "GET " + account + "/Messages.json HTTP/1.1\r\n"
        + "Host: 127.0.0.1\r\n" + auth() + "Content-Type: application/x-www-form-urlencoded\r\n"
        + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().getJsonArray("messages")).isNotEmpty();
  }

  @Test
  void anExpectationOtherThanContinueFailsWith417() {
    RawHttp.Answer answer = RawHttp.exchange(gateway.port(), "POST " + account + "/Messages.json HTTP/1.1\r\n"
        + "Host: 127.0.0.1\r\n" + auth() + "Content-Type: application/x-www-form-urlencoded\r\n"
        + "Expect: 200-ok\r\nContent-Length: 7\r\nConnection: close\r\n\r\nBody=hi");

    assertTwilioError(answer, 417, 20417);
  }

  @Test
  void aBadPercentEscapeInThePathIsAJsonBadRequest() {
    assertTwilioError(get("/2010-04-01/Accounts/%zz/Messages.json"), 400, 20001);
  }

  @Test
  void aBadPercentEscapeInTheQueryIsAJsonBadRequest() {
    assertTwilioError(get(account + "/Messages.json?To=%zz"), 400, 20001);
  }

  @Test
  void aLowerCaseHttpVersionIsAJsonBadRequest() {
    RawHttp.Answer answer = RawHttp.exchange(gateway.port(), "GET " + account + "/Messages.json http/1.1\r\n"
        + "Host: 127.0.0.1\r\n" + auth() + "Connection: close\r\n\r\n");

    assertTwilioError(answer, 400, 20001);
  }

  @Test
  void aWebSocketUpgradeIsRefused() {
    RawHttp.Answer answer = RawHttp.exchange(gateway.port(), "GET " + account + "/Messages.json HTTP/1.1\r\n"
        + "Host: 127.0.0.1\r\n" + auth() + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");

    assertThat(answer.status()).isBetween(400, 499);
  }

  @Test
  void headIsAnsweredAsAGetWithoutItsBody() {
    RawHttp.Answer answer = RawHttp.exchange(gateway.port(), "HEAD " + account + "/Messages.json HTTP/1.1\r\n"
        + "Host: 127.0.0.1\r\n" + auth() + "Connection: close\r\n\r\n");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("content-type")).startsWith("application/json");
    assertThat(Integer.parseInt(answer.header("content-length"))).isPositive();
    assertThat(answer.body()).isEmpty();
  }

  @Test
  void headWhereNoGetIsRoutedIsAJson405() {
    RawHttp.Answer answer = RawHttp.exchange(gateway.port(), "HEAD " + account + "/Messages/"
        + messageSid + "/Feedback.json HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth() + "Connection: close\r\n\r\n");

    assertThat(answer.status()).isEqualTo(405);
    assertThat(answer.header("content-type")).startsWith("application/json");
  }

  // Form encodings

  @Test
  void aBadPercentEscapeInTheFormIsAJsonBadRequest() {
    RawHttp.Answer answer = post(account + "/Messages.json",
        "To=" + enc(RECIPIENT) + "&From=" + enc(SENDER) + "&Body=100%");

    assertTwilioError(answer, 400, 20001);
    assertThat(answer.json().getString("message")).contains("percent escape");
  }

  @Test
  void aChunkedFormSplitInsideAnEscapeIsReadWhole() {
    String form = "To=" + enc(RECIPIENT) + "&From=" + enc(SENDER) + "&Body=100%25+sure";
    int split = form.indexOf("%25") + 2;
    String request = "POST " + account + "/Messages.json HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth()
        + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n"
        + "Connection: close\r\n\r\n"
        + Integer.toHexString(split) + "\r\n" + form.substring(0, split) + "\r\n"
        + Integer.toHexString(form.length() - split) + "\r\n" + form.substring(split) + "\r\n"
        + "0\r\n\r\n";

    RawHttp.Answer answer = RawHttp.exchange(gateway.port(), request);

    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    assertThat(answer.json().getString("body")).isEqualTo("100% sure");
  }

  @Test
  void aMultipartFormIsReadToo() {
    String boundary = "tern-boundary";
    StringBuilder form = new StringBuilder();
    for (String[] field : new String[][] {{"To", RECIPIENT}, {"From", SENDER}, {"Body", "hi there"}}) {
      form.append("--").append(boundary).append("\r\n")
          .append("Content-Disposition: form-data; name=\"").append(field[0]).append("\"\r\n\r\n")
          .append(field[1]).append("\r\n");
    }
    form.append("--").append(boundary).append("--\r\n");

    RawHttp.Answer answer = RawHttp.exchange(gateway.port(), "POST " + account
        + "/Messages.json HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth()
        + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: "
        + form.length() + "\r\nConnection: close\r\n\r\n" + form);

    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    assertThat(answer.json().getString("body")).isEqualTo("hi there");
    assertThat(answer.json().getString("to")).isEqualTo(RECIPIENT);
  }

  @Test
  void aFormSentWithTheExpectationOfContinueIsRead() {
    String form = "To=" + enc(RECIPIENT) + "&From=" + enc(SENDER) + "&Body=continued";
    RawHttp.Answer answer = RawHttp.exchange(gateway.port(), "POST " + account
        + "/Messages.json HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth()
        + "Content-Type: application/x-www-form-urlencoded\r\nExpect: 100-continue\r\n"
        + "Content-Length: " + form.length() + "\r\nConnection: close\r\n\r\n" + form);

    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    assertThat(answer.json().getString("body")).isEqualTo("continued");
  }

  // Form limits

  @Test
  void aBodyOverTheFormAttributeSizeIsTooLongForASms() {
    RawHttp.Answer answer = post(account + "/Messages.json",
        "To=" + enc(RECIPIENT) + "&From=" + enc(SENDER) + "&Body=" + "a".repeat(8_193));

    assertTwilioError(answer, 400, 21617);
  }

  @Test
  void threeHundredMediaUrlsAreTooMany() {
    StringBuilder form = new StringBuilder("To=" + enc(RECIPIENT) + "&From=" + enc(SENDER));
    IntStream.range(0, 300).forEach(i -> form.append("&MediaUrl=").append(enc("https://example.com/" + i + ".png")));

    assertTwilioError(post(account + "/Messages.json", form.toString()), 400, 21623);
  }

  @Test
  void aChunkedBodyOverTheLimitIsTooLarge() {
    StringBuilder request = new StringBuilder("POST " + account + "/Messages.json HTTP/1.1\r\n"
        + "Host: 127.0.0.1\r\n" + auth() + "Content-Type: application/x-www-form-urlencoded\r\n"
        + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
    String chunk = "Body=" + "a".repeat(65_531);
    for (int i = 0; i < 32; i++) {
      request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
      chunk = "a".repeat(65_536);
    }
    request.append("0\r\n\r\n");

    assertTwilioError(RawHttp.exchange(gateway.port(), request.toString()), 413, 20413);
  }

  private RawHttp.Answer get(String pathAndQuery) {
    return RawHttp.exchange(gateway.port(), "GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + auth() + "Connection: close\r\n\r\n");
  }

  private RawHttp.Answer post(String path, String form) {
    return RawHttp.exchange(gateway.port(), "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth()
        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length()
        + "\r\nConnection: close\r\n\r\n" + form);
  }

  private String auth() {
    return "Authorization: Basic " + Base64.getEncoder().encodeToString(
        (main.sid() + ":" + main.authToken()).getBytes(StandardCharsets.UTF_8)) + "\r\n";
  }

  private static String enc(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static void assertTwilioError(RawHttp.Answer answer, int status, int code) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.header("content-type")).startsWith("application/json");
    JsonObject error = answer.json();
    assertThat(error.getInteger("code")).as(answer.body()).isEqualTo(code);
    assertThat(error.getInteger("status")).isEqualTo(status);
    assertThat(error.getString("message")).isNotBlank();
    assertThat(error.getString("more_info")).endsWith(Integer.toString(code));
  }
}
