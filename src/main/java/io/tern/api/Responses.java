package io.tern.api;

import io.tern.logging.RequestLog;
import io.tern.message.ApiError;
import io.tern.message.TwilioError;
import io.tern.store.StoreFailures;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writing answers: JSON bodies with their status, and Twilio errors. */
public final class Responses {
  private static final System.Logger LOG = System.getLogger(Responses.class.getName());

  /**
   * Seconds a client is asked to wait when the store is out of reach (a blip is usually over
   * by then; a longer outage answers the same again).
   */
  static final String RETRY_AFTER_SECONDS = "1";

  private Responses() {}

  private static final CharSequence JSON_TYPE =
      HttpHeaders.createOptimized("application/json; charset=utf-8");

  public static Future<Void> json(RoutingContext ctx, int status, JsonObject body) {
    return json(ctx, status, body.toBuffer());
  }

  /** A body already encoded as JSON. */
  public static Future<Void> json(RoutingContext ctx, int status, Buffer body) {
    // Content-Length set here so a HEAD answer carries the length its GET would have.
    return ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON_TYPE)
        .putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length()))
        .end(body);
  }

  /**
   * A Twilio error answered outside the router (the request never reached a route), closing
   * the connection: what else the client sent on it cannot be trusted to be read correctly.
   */
  static Future<Void> rejected(HttpServerResponse response, ApiError error) {
    return response
        .setStatusCode(error.httpStatus())
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON_TYPE)
        .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
        .end(error.toJson().toBuffer());
  }

  public static Future<Void> noContent(RoutingContext ctx) {
    return ctx.response().setStatusCode(204).end();
  }

  /**
   * The router's failure handler: every failure becomes Twilio's error JSON with all four keys
   * (the SDKs lose the code and status otherwise).
   */
  public static void failure(RoutingContext ctx, long bodyLimit) {
    ApiError error = toApiError(ctx, bodyLimit);
    if (error.error() == TwilioError.INTERNAL) {
      RequestLog.withRequestId(ctx, () -> LOG.log(System.Logger.Level.ERROR, "Request "
          + ctx.request().method() + " " + ctx.request().path() + " failed", ctx.failure()));
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    if (error.error() == TwilioError.UNAVAILABLE) {
      ctx.response().putHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
    if (error.error() == TwilioError.AUTHENTICATION_FAILED) {
      ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"Tern\"");
    }
    json(ctx, error.httpStatus(), error.toJson());
  }

  private static ApiError toApiError(RoutingContext ctx, long bodyLimit) {
    if (ctx.failure() instanceof ApiError apiError) {
      return apiError;
    }
    if (ctx.failure() != null && StoreFailures.isUnavailable(ctx.failure())) {
      // Refused before anything was committed (a failed commit commits nothing): safe to retry.
      return TwilioError.UNAVAILABLE.with();
    }
    return switch (ctx.statusCode()) {
      case 404 -> TwilioError.NOT_FOUND.with(ctx.request().path());
      case 405 -> TwilioError.METHOD_NOT_ALLOWED.with();
      case 413 -> TwilioError.REQUEST_TOO_LARGE.with(bodyLimit);
      case 400 -> TwilioError.BAD_REQUEST.with("Malformed request");
      default -> TwilioError.INTERNAL.with();
    };
  }
}
