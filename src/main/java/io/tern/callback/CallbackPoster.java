package io.tern.callback;

import io.tern.outbound.OutboundGuard;
import io.tern.outbound.OutboundRefusedException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes one attempt at a callback: the outbound check of its URL, then one POST to exactly the
 * address the check approved ({@link OutboundGuard#pinned}), without following redirects. Never
 * fails: every way an attempt can end is a {@link PostResult}. The answer's status decides as
 * soon as it arrives; its body is read and dropped (so the connection can be reused), never kept,
 * and cut at the total timeout.
 */
final class CallbackPoster {
  private final Vertx vertx;
  private final HttpClient client;
  private final OutboundGuard guard;
  private final long defaultTimeoutMillis;

  CallbackPoster(Vertx vertx, HttpClient client, OutboundGuard guard, long defaultTimeoutMillis) {
    this.vertx = vertx;
    this.client = client;
    this.guard = guard;
    this.defaultTimeoutMillis = defaultTimeoutMillis;
  }

  /**
   * The address to post to, or a failed future when Tern may not connect to the URL or its host
   * does not resolve; {@link #checkFailure} says what that failure means for the attempt.
   */
  Future<InetAddress> check(CallbackRequest request) {
    return guard.check(request.target());
  }

  /** The attempt's result when the check did not approve the URL. */
  static PostResult checkFailure(Throwable e) {
    if (e instanceof OutboundRefusedException refused) {
      // The explanation leaves out the address the host resolved to (an account should not
      // learn from its own callback history how internal names resolve) and names the setting
      // that would open it, for a URL stored before the rules changed.
      return new PostResult.Refused("refused by the outbound check: " + refused.explanation());
    }
    return new PostResult.NoAnswer(PostResult.Stage.CONNECT, describe(e, 0));
  }

  /** One POST, within the URL's timeouts (else the configured one). */
  Future<PostResult> post(CallbackRequest request, InetAddress address) {
    try {
      return send(request, address);
    } catch (RuntimeException e) {
      // A URL the client cannot even form a request for (the guard checks scheme, host and
      // port, so this is a last resort): this callback's outcome, not the sender's failure.
      return Future.succeededFuture(new PostResult.Refused("not a valid URL: " + e.getClass().getSimpleName()));
    }
  }

  private Future<PostResult> send(CallbackRequest request, InetAddress address) {
    ConnectionOverrides overrides = request.overrides();
    long connect = orDefault(overrides.connectTimeoutMillis());
    long read = orDefault(overrides.readTimeoutMillis());
    long total = orDefault(overrides.totalTimeoutMillis());
    RequestOptions options = OutboundGuard.pinned(request.target(), address)
        .setMethod(HttpMethod.POST)
        .setConnectTimeout(connect)
        .setIdleTimeout(read)
        .setFollowRedirects(false)
        .putHeader(HttpHeaders.CONTENT_TYPE, CallbackRequest.CONTENT_TYPE)
        .putHeader(HttpHeaders.USER_AGENT, CallbackRequest.USER_AGENT)
        .putHeader(HttpHeaders.ACCEPT, "*/*")
        .putHeader(TwilioSignature.HEADER, request.signature())
        .putHeader(CallbackRequest.IDEMPOTENCY_HEADER, request.idempotencyToken());
    if (request.authorization() != null) {
      options.putHeader(HttpHeaders.AUTHORIZATION, request.authorization());
    }

    Promise<PostResult> result = Promise.promise();
    AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
    // Runs until the answer's body has been read: it also cuts a body that never ends.
    long timer = vertx.setTimer(total, expired -> {
      HttpClientRequest onTheWire = sent.get();
      PostResult.Stage stage = onTheWire == null ? PostResult.Stage.CONNECT : PostResult.Stage.READ;
      result.tryComplete(new PostResult.NoAnswer(stage, "no answer within " + total + " ms"));
      if (onTheWire != null) {
        onTheWire.reset(0, new TimeoutException());
      }
    });
    client.request(options)
        .onFailure(e -> {
          vertx.cancelTimer(timer);
          result.tryComplete(new PostResult.NoAnswer(PostResult.Stage.CONNECT, describe(e, connect)));
        })
        .onSuccess(httpRequest -> {
          if (result.future().isComplete()) {
            httpRequest.reset();
            return;
          }
          sent.set(httpRequest);
          httpRequest.send(Buffer.buffer(request.body())).onComplete(answered -> {
            if (answered.failed()) {
              vertx.cancelTimer(timer);
              result.tryComplete(new PostResult.NoAnswer(PostResult.Stage.READ,
                  describe(answered.cause(), read)));
              return;
            }
            // The status decides; the body is read and dropped so the connection can be reused.
            HttpClientResponse response = answered.result();
            response.handler(ignored -> { });
            response.end().onComplete(ended -> vertx.cancelTimer(timer));
            result.tryComplete(new PostResult.Answered(response.statusCode()));
          });
        });
    return result.future();
  }

  private long orDefault(Long override) {
    return override != null ? override : defaultTimeoutMillis;
  }

  /** Short, without addresses or paths: it is shown in the account's callback history. */
  private static String describe(Throwable e, long timeoutMillis) {
    if (e instanceof UnknownHostException) {
      return "host not found";
    }
    if (e instanceof ConnectException) {
      return e.getClass().getSimpleName().contains("Timeout")
          ? "connect timed out after " + timeoutMillis + " ms"
          : "connection refused";
    }
    if (e instanceof TimeoutException || e.getClass().getSimpleName().contains("Timeout")) {
      return "no data within " + timeoutMillis + " ms";
    }
    if (e instanceof HttpClosedException) {
      return "connection closed before the answer";
    }
    return e.getClass().getSimpleName();
  }
}
