package io.tern.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.callback.CallbackReceiver.Answer;
import io.tern.outbound.OutboundGuard;
import io.tern.outbound.OutboundRules;
import io.tern.message.MessageStatus;
import io.tern.store.PendingCallback;
import io.tern.testing.DownPort;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One attempt against a receiver on loopback, and every way it can end. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class CallbackPosterTest {
  private static final String TOKEN = "0123456789abcdef0123456789abcdef";

  private HttpClient client;
  private CallbackPoster poster;
  private CallbackReceiver receiver;

  @BeforeEach
  void setUp(Vertx vertx) {
    client = vertx.createHttpClient();
    OutboundRules loopbackAllowed = OutboundRules.fromConfig(true, java.util.List.of(), java.util.List.of());
    poster = new CallbackPoster(vertx, client, new OutboundGuard(vertx, loopbackAllowed), 5_000);
  }

  @AfterEach
  void tearDown(VertxTestContext testContext) {
    client.close()
        .compose(closed -> receiver == null ? Future.<Void>succeededFuture() : receiver.close())
        .onComplete(testContext.succeedingThenComplete());
  }

  private Future<PostResult> attempt(String url) {
    CallbackRequest request;
    try {
      request = CallbackRequest.of(new PendingCallback(1, "SM0123456789abcdef0123456789abcdef",
          "AC0123456789abcdef0123456789abcdef", url, MessageStatus.SENT, 1,
          Map.of("MessageSid", "SM0123456789abcdef0123456789abcdef", "MessageStatus", "sent"),
          "token-1", 0, Instant.EPOCH, Instant.EPOCH), TOKEN);
    } catch (java.net.URISyntaxException e) {
      return Future.failedFuture(e);
    }
    return poster.check(request).transform(checked -> checked.succeeded()
        ? poster.post(request, checked.result())
        : Future.succeededFuture(CallbackPoster.checkFailure(checked.cause())));
  }

  @Test
  void anAnswerIsItsStatusAndTheRequestCarriesTwiliosHeaders(Vertx vertx, VertxTestContext testContext) {
    CallbackReceiver.start(vertx, 0, (n, form) -> Answer.now(201))
        .compose(started -> {
          receiver = started;
          return attempt(started.url("/status?a=1").replace("http://", "http://shop:secret@") + "#rt=1000");
        })
        .onComplete(testContext.succeeding(result -> testContext.verify(() -> {
          assertThat(result).isEqualTo(new PostResult.Answered(201));
          CallbackReceiver.Received request = receiver.arrived().get(0);
          assertThat(request.url()).endsWith("/status?a=1");
          assertThat(request.form()).containsEntry("MessageStatus", "sent");
          assertThat(request.headers().get("I-Twilio-Idempotency-Token")).isEqualTo("token-1");
          assertThat(request.headers().get("Authorization")).isEqualTo("Basic c2hvcDpzZWNyZXQ=");
          assertThat(request.headers().get("X-Twilio-Signature")).isEqualTo(
              TwilioSignature.of(TOKEN, request.url(), request.form()));
          testContext.completeNow();
        })));
  }

  @Test
  void aClosedPortIsAConnectionFailure(VertxTestContext testContext) {
    DownPort down = DownPort.reserve();
    attempt("http://127.0.0.1:" + down.port() + "/status")
        .onComplete(done -> down.close())
        .onComplete(testContext.succeeding(result -> testContext.verify(() -> {
          assertThat(result).isEqualTo(
              new PostResult.NoAnswer(PostResult.Stage.CONNECT, "connection refused"));
          testContext.completeNow();
        })));
  }

  @Test
  void silenceBeyondTheUrlsTotalTimeoutIsAReadFailure(Vertx vertx, VertxTestContext testContext) {
    // The receiver answers only long after the test has ended: the total timeout is the only
    // thing that can end the attempt. (An answer a second later raced a late timer.)
    CallbackReceiver.start(vertx, 0, (n, form) -> new Answer(200, 600_000))
        .compose(started -> {
          receiver = started;
          return attempt(started.url("/slow#tt=200"));
        })
        .onComplete(testContext.succeeding(result -> testContext.verify(() -> {
          assertThat(result).isEqualTo(
              new PostResult.NoAnswer(PostResult.Stage.READ, "no answer within 200 ms"));
          testContext.completeNow();
        })));
  }

  @Test
  void aRefusedAddressIsNeverContacted(VertxTestContext testContext) {
    attempt("http://169.254.169.254/latest/meta-data/")
        .onComplete(testContext.succeeding(result -> testContext.verify(() -> {
          assertThat(result).isEqualTo(new PostResult.Refused(
              "refused by the outbound check: its address is a cloud metadata address; no setting opens it"));
          testContext.completeNow();
        })));
  }

  @Test
  void aNameThatDoesNotResolveIsAConnectionFailure(VertxTestContext testContext) {
    attempt("http://callbacks.invalid/status")
        .onComplete(testContext.succeeding(result -> testContext.verify(() -> {
          assertThat(result).isEqualTo(new PostResult.NoAnswer(PostResult.Stage.CONNECT, "host not found"));
          testContext.completeNow();
        })));
  }
}
