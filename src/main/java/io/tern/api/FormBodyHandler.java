package io.tern.api;

import io.tern.message.TwilioError;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Reads a request's body within the body limit and decodes a urlencoded one (what Twilio's
 * SDKs and curl send) into the request's form attributes, where the routes read every form.
 *
 * <p>Not through Vert.x's form decoder: it is Netty's multipart decoder, which ends every body
 * by building an exception with its stack trace, 6-8% of the gateway's CPU per accepted message
 * with the decoding (benchmarks/RESULTS.md). A {@code multipart/form-data} body still goes
 * through it, by {@link BodyHandler}.
 */
final class FormBodyHandler implements Handler<RoutingContext> {
  private static final String URLENCODED = "application/x-www-form-urlencoded";
  private static final String MULTIPART = "multipart/form-data";
  private static final int MAX_PREALLOCATED = 65_536;

  private final long bodyLimit;
  private final BodyHandler multipart;

  FormBodyHandler(long bodyLimit) {
    this.bodyLimit = bodyLimit;
    this.multipart = BodyHandler.create(false)
        .setBodyLimit(bodyLimit)
        .setMergeFormAttributes(false);
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (startsWithIgnoreCase(contentType, MULTIPART)) {
      multipart.handle(ctx);
      return;
    }
    long contentLength = contentLength(request);
    if (contentLength < 0 && !request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
      ctx.next();
      return;
    }
    if (contentLength > bodyLimit) {
      ctx.fail(413);
      return;
    }
    if (request.isEnded()) {
      // Only a handler that ran before this one asynchronously could let the body go by.
      ctx.fail(new IllegalStateException("The request body was read before the form handler"));
      return;
    }
    // Any other expectation was refused before routing (RequestScreen).
    if (request.getHeader(HttpHeaders.EXPECT) != null && request.version() != HttpVersion.HTTP_1_0) {
      ctx.response().writeContinue();
    }
    new Reading(ctx, startsWithIgnoreCase(contentType, URLENCODED),
        (int) Math.min(Math.max(contentLength, 0), Math.min(bodyLimit, MAX_PREALLOCATED)))
        .start();
  }

  /** One request's body on its way in. */
  private final class Reading {
    private final RoutingContext ctx;
    private final boolean urlencoded;
    private final Buffer body;
    private boolean failed;

    Reading(RoutingContext ctx, boolean urlencoded, int expected) {
      this.ctx = ctx;
      this.urlencoded = urlencoded;
      this.body = Buffer.buffer(expected);
    }

    void start() {
      ctx.request()
          .exceptionHandler(this::fail)
          .handler(this::append)
          .endHandler(ended -> end())
          .resume();
    }

    private void append(Buffer chunk) {
      if (failed) {
        return;
      }
      if (body.length() + chunk.length() > bodyLimit) {
        failed = true;
        ctx.fail(413);
        return;
      }
      body.appendBuffer(chunk);
    }

    private void end() {
      if (failed || ctx.failed()) {
        return;
      }
      if (urlencoded) {
        try {
          UrlencodedForm.decode(body.getBytes(), ctx.request().formAttributes());
        } catch (IllegalArgumentException malformed) {
          ctx.fail(TwilioError.BAD_REQUEST.with(malformed.getMessage()));
          return;
        }
      }
      ctx.next();
    }

    private void fail(Throwable cause) {
      if (!failed) {
        failed = true;
        ctx.fail(cause);
      }
    }
  }

  private static long contentLength(HttpServerRequest request) {
    String header = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (header == null || header.isEmpty()) {
      return -1;
    }
    try {
      return Long.parseLong(header);
    } catch (NumberFormatException notANumber) {
      return -1;
    }
  }

  private static boolean startsWithIgnoreCase(String value, String prefix) {
    return value != null && value.regionMatches(true, 0, prefix, 0, prefix.length());
  }
}
