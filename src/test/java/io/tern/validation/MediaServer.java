package io.tern.validation;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * A media host on loopback with one path per behaviour the checker must handle. It records every
 * request ("HEAD /pic.png"), the Host header it came with and, over TLS, the name the client
 * indicated (SNI).
 */
final class MediaServer {
  static final byte[] PNG = png();
  static final long HUGE = 6_000_000;
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

  final List<String> requests = new CopyOnWriteArrayList<>();
  final List<String> hostHeaders = new CopyOnWriteArrayList<>();
  final List<String> serverNames = new CopyOnWriteArrayList<>();
  private HttpServer server;

  static Future<MediaServer> start(Vertx vertx, HttpServerOptions options) {
    MediaServer media = new MediaServer();
    media.server = vertx.createHttpServer(options).requestHandler(media::handle);
    return media.server.listen(0, "127.0.0.1").map(media);
  }

  int port() {
    return server.actualPort();
  }

  String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  long count(String request) {
    return requests.stream().filter(request::equals).count();
  }

  private void handle(HttpServerRequest request) {
    requests.add(request.method() + " " + request.path());
    hostHeaders.add(request.getHeader("Host"));
    if (request.isSSL() && request.connection().indicatedServerName() != null) {
      serverNames.add(request.connection().indicatedServerName());
    }
    HttpServerResponse response = request.response();
    boolean head = request.method() == HttpMethod.HEAD;
    switch (request.path()) {
      case "/pic.png" -> serve(request, "image/png", PNG);
      case "/png-as-jpeg.jpg" -> serve(request, "image/jpeg", PNG);
      case "/page.html" -> serve(request, "text/html; charset=utf-8", "<html></html>".getBytes());
      case "/missing.png" -> response.setStatusCode(404).end("not here");
      case "/huge.jpg" -> {
        // Only HEAD is answered honestly; a GET would hang, so a test passes only if none is made.
        if (head) {
          response.putHeader("Content-Type", "image/jpeg").putHeader("Content-Length", Long.toString(HUGE)).end();
        }
      }
      case "/report.pdf" -> serve(request, "application/pdf", pdf(600_000));
      case "/no-head.png" -> {
        if (head) {
          response.setStatusCode(405).end();
        } else {
          // Ignores Range like many simple servers: the whole body, status 200.
          response.putHeader("Content-Type", "image/png").end(Buffer.buffer(PNG));
        }
      }
      case "/endless.gif" -> {
        // No HEAD, no Range, no length, and the body never ends: only reading just the first
        // bytes lets a check finish.
        if (head) {
          response.setStatusCode(405).end();
        } else {
          response.setChunked(true).putHeader("Content-Type", "image/gif");
          byte[] start = new byte[4096];
          System.arraycopy("GIF89a".getBytes(), 0, start, 0, 6);
          response.write(Buffer.buffer(start));
        }
      }
      case "/slow.png" -> { } // never answers
      case "/moved.png" -> response.setStatusCode(302).putHeader("Location", "/pic.png").end();
      case "/to-metadata.png" -> response.setStatusCode(302)
          .putHeader("Location", "http://169.254.169.254/latest/meta-data/").end();
      default -> response.setStatusCode(404).end();
    }
  }

  /** Answers HEAD with the headers only, and a Range GET with 206 and that slice. */
  private static void serve(HttpServerRequest request, String contentType, byte[] body) {
    HttpServerResponse response = request.response().putHeader("Content-Type", contentType);
    if (request.method() == HttpMethod.HEAD) {
      response.putHeader("Content-Length", Integer.toString(body.length)).end();
      return;
    }
    String range = request.getHeader("Range");
    Matcher m = range == null ? null : RANGE.matcher(range);
    if (m == null || !m.matches()) {
      response.end(Buffer.buffer(body));
      return;
    }
    int from = Integer.parseInt(m.group(1));
    int to = Math.min(Integer.parseInt(m.group(2)), body.length - 1);
    response.setStatusCode(206)
        .putHeader("Content-Range", "bytes " + from + "-" + to + "/" + body.length)
        .end(Buffer.buffer(body).getBuffer(from, to + 1));
  }

  private static byte[] png() {
    BufferedImage image = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < 40; x++) {
      for (int y = 0; y < 40; y++) {
        image.setRGB(x, y, (x * 6) << 16 | (y * 6) << 8 | ((x * y) & 0xFF));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] pdf(int size) {
    byte[] body = new byte[size];
    System.arraycopy("%PDF-1.7\n".getBytes(), 0, body, 0, 9);
    return body;
  }
}
