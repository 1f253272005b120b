package io.tern.api;

import io.tern.message.ApiError;
import io.tern.message.TwilioError;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * Turns away hostile or broken requests with Twilio's JSON error before they reach a route, so
 * neither Vert.x's plain-text answers nor PostgreSQL (which refuses NUL bytes in text) decide
 * what the client sees.
 */
final class RequestScreen {
  private static final String CONTINUE = "100-continue";

  private RequestScreen() {}

  /**
   * What is wrong with the request line and headers, or null: an expectation other than
   * {@code 100-continue} (417), a malformed percent escape (400), a NUL byte in the path (404:
   * no resource has one) or in the query (400).
   */
  static ApiError beforeRouting(HttpServerRequest request) {
    String expect = request.getHeader(HttpHeaders.EXPECT);
    if (expect != null && !CONTINUE.equalsIgnoreCase(expect.trim())) {
      return TwilioError.EXPECTATION_FAILED.with(printable(expect));
    }
    String uri = request.uri();
    if (!wellEscaped(uri)) {
      return TwilioError.BAD_REQUEST.with("Malformed percent escape in the request URI");
    }
    String path = request.path();
    if (path == null || hasNul(path) || path.contains("%00")) {
      return TwilioError.NOT_FOUND.with(path == null ? "" : printable(path));
    }
    String query = request.query();
    if (query != null && (hasNul(query) || query.contains("%00"))) {
      return TwilioError.BAD_REQUEST.with("A query parameter contains a NUL character (U+0000)");
    }
    return null;
  }

  /**
   * A route handler after the body is read: a NUL byte in a form parameter is refused, in
   * Body as Twilio refuses unsendable text (21602), elsewhere as a bad parameter (20001).
   */
  static void forms(RoutingContext ctx) {
    for (Map.Entry<String, String> field : ctx.request().formAttributes()) {
      if (hasNul(field.getKey()) || hasNul(field.getValue())) {
        ctx.fail("Body".equals(field.getKey())
            ? TwilioError.BODY_UNPRINTABLE.with()
            : TwilioError.BAD_REQUEST.with("Parameter " + printable(field.getKey())
                + " contains a NUL character (U+0000)"));
        return;
      }
    }
    ctx.next();
  }

  /** The answer to a request the HTTP decoder could not read (bad request line, version, headers). */
  static ApiError undecodable(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    if (cause instanceof TooLongHttpLineException) {
      return TwilioError.URI_TOO_LONG.with();
    }
    if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
      return TwilioError.HEADERS_TOO_LARGE.with();
    }
    return TwilioError.BAD_REQUEST.with("Malformed request");
  }

  private static boolean wellEscaped(String uri) {
    for (int i = uri.indexOf('%'); i >= 0; i = uri.indexOf('%', i + 1)) {
      if (i + 2 >= uri.length() || !isHex(uri.charAt(i + 1)) || !isHex(uri.charAt(i + 2))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }

  private static boolean hasNul(String value) {
    return value != null && value.indexOf('\0') >= 0;
  }

  /** Echoing client input in an error message: control characters replaced, length capped. */
  private static String printable(String value) {
    String shown = value.length() > 200 ? value.substring(0, 200) + "…" : value;
    return shown.replaceAll("\\p{Cntrl}", "?");
  }
}
