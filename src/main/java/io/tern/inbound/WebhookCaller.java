package io.tern.inbound;

import io.tern.callback.CallbackRequest;
import io.tern.callback.ConnectionOverrides;
import io.tern.callback.TwilioSignature;
import io.tern.outbound.OutboundGuard;
import io.tern.outbound.OutboundRefusedException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Makes one webhook request and reads its TwiML: the outbound check of the URL, then a signed
 * request (form body for POST, query for GET) to exactly the address the check approved,
 * without following redirects, within the URL's connection overrides or the configured timeout.
 * Never fails: every way a request can end is a {@link WebhookResult}.
 */
final class WebhookCaller {
  private final Vertx vertx;
  private final HttpClient client;
  private final OutboundGuard guard;
  private final long timeoutMillis;

  WebhookCaller(Vertx vertx, HttpClient client, OutboundGuard guard, long timeoutMillis) {
    this.vertx = vertx;
    this.client = client;
    this.guard = guard;
    this.timeoutMillis = timeoutMillis;
  }

  Future<WebhookResult> call(String url, String method, Map<String, String> params, String authToken) {
    String requested = ConnectionOverrides.withoutFragment(url);
    boolean get = "GET".equals(method);
    String target = get ? withQuery(requested, params) : requested;
    String signature = get
        ? TwilioSignature.of(authToken, target, Map.of())
        : TwilioSignature.of(authToken, requested, params);
    URI uri;
    try {
      uri = new URI(target);
    } catch (Exception e) {
      return Future.succeededFuture(new WebhookResult.Failed(11200, null, "not a valid URL", false));
    }
    ConnectionOverrides overrides = ConnectionOverrides.of(url);
    return guard.check(uri)
        .compose(address -> request(uri, address, get, params, signature, overrides))
        .recover(e -> Future.succeededFuture(e instanceof OutboundRefusedException
            ? new WebhookResult.Failed(11200, null, "refused by the outbound rules", false)
            : new WebhookResult.Failed(11205, null, "host not found", true)));
  }

  private Future<WebhookResult> request(URI uri, java.net.InetAddress address, boolean get,
      Map<String, String> params, String signature, ConnectionOverrides overrides) {
    long connect = orDefault(overrides.connectTimeoutMillis());
    long read = orDefault(overrides.readTimeoutMillis());
    long total = orDefault(overrides.totalTimeoutMillis());
    RequestOptions options = OutboundGuard.pinned(uri, address)
        .setMethod(get ? HttpMethod.GET : HttpMethod.POST)
        .setConnectTimeout(connect)
        .setIdleTimeout(read)
        .setFollowRedirects(false)
        .putHeader(HttpHeaders.USER_AGENT, CallbackRequest.USER_AGENT)
        .putHeader(HttpHeaders.ACCEPT, "*/*")
        .putHeader(TwilioSignature.HEADER, signature);
    if (!get) {
      options.putHeader(HttpHeaders.CONTENT_TYPE, CallbackRequest.CONTENT_TYPE);
    }
    Promise<WebhookResult> result = Promise.promise();
    long timer = vertx.setTimer(total, expired -> result.tryComplete(
        new WebhookResult.Failed(11205, null, "no answer within " + total + " ms", true)));
    client.request(options)
        .compose(request -> get ? request.send() : request.send(Buffer.buffer(formBody(params))))
        .onSuccess(response -> read(response, result))
        .onFailure(e -> result.tryComplete(
            new WebhookResult.Failed(11205, null, "connection failed: " + e.getClass().getSimpleName(), true)));
    return result.future().onComplete(done -> vertx.cancelTimer(timer));
  }

  /** Reads at most {@link Twiml#MAX_BYTES}; a longer answer is cut and refused. */
  private static void read(HttpClientResponse response, Promise<WebhookResult> result) {
    int status = response.statusCode();
    if (status < 200 || status >= 300) {
      response.handler(ignored -> { });
      result.tryComplete(new WebhookResult.Failed(11200, status, "HTTP " + status, false));
      return;
    }
    Buffer body = Buffer.buffer();
    response.handler(chunk -> {
      if (body.length() + chunk.length() > Twiml.MAX_BYTES) {
        result.tryComplete(new WebhookResult.Failed(11750, status,
            "answer longer than " + Twiml.MAX_BYTES + " bytes", false));
        response.request().reset();
      } else {
        body.appendBuffer(chunk);
      }
    });
    response.endHandler(end -> result.tryComplete(twiml(status, response.getHeader(HttpHeaders.CONTENT_TYPE), body)));
    response.exceptionHandler(e -> result.tryComplete(
        new WebhookResult.Failed(11205, status, "answer broken off", true)));
  }

  private static WebhookResult twiml(int status, String contentType, Buffer body) {
    if (status == 204 || body.length() == 0) {
      return new WebhookResult.Answered(status, Twiml.EMPTY);
    }
    String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    if (!type.equals("text/xml") && !type.equals("application/xml")) {
      return new WebhookResult.Failed(12300, status,
          "Invalid Content-Type" + (type.isEmpty() ? "" : ": " + type), false);
    }
    try {
      return new WebhookResult.Answered(status, Twiml.parse(body.getBytes()));
    } catch (Twiml.ParseException e) {
      return new WebhookResult.Failed(12100, status, "Document parse failure", false);
    }
  }

  private long orDefault(Long override) {
    return override != null ? override : timeoutMillis;
  }

  static String withQuery(String url, Map<String, String> params) {
    return url + (url.contains("?") ? "&" : "?") + formBody(params);
  }

  static String formBody(Map<String, String> params) {
    StringJoiner body = new StringJoiner("&");
    params.keySet().stream().sorted().forEach(name -> body.add(
        URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(params.get(name) == null ? "" : params.get(name), StandardCharsets.UTF_8)));
    return body.toString();
  }
}
