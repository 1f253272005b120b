package io.tern.inbound;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An application's webhook on loopback: records every request (method, URL as requested,
 * headers, parameters) and answers as the test says, TwiML included.
 */
final class WebhookReceiver {

  /** One request as the application saw it. */
  record Request(String method, String path, String url, MultiMap headers, Map<String, String> params) {
    String param(String name) {
      return params.get(name);
    }
  }

  /** What to answer; an empty body goes as no body at all. */
  record Answer(int status, String contentType, String body) {
    static Answer twiml(String document) {
      return new Answer(200, "text/xml", document);
    }

    static Answer empty(int status) {
      return new Answer(status, null, "");
    }
  }

  private final HttpServer server;
  private final List<Request> requests;

  private WebhookReceiver(HttpServer server, List<Request> requests) {
    this.server = server;
    this.requests = requests;
  }

  static Future<WebhookReceiver> start(Vertx vertx, int port, Function<Request, Answer> answers) {
    List<Request> requests = new CopyOnWriteArrayList<>();
    return vertx.createHttpServer()
        .requestHandler(request -> answer(request, requests, answers))
        .listen(port, "127.0.0.1")
        .map(server -> new WebhookReceiver(server, requests));
  }

  private static void answer(HttpServerRequest request, List<Request> requests,
      Function<Request, Answer> answers) {
    request.body().onSuccess(body -> {
      Map<String, String> params = new LinkedHashMap<>();
      String encoded = "GET".equals(request.method().name()) ? request.query() : body.toString(StandardCharsets.UTF_8);
      if (encoded != null && !encoded.isEmpty()) {
        for (String pair : encoded.split("&")) {
          int eq = pair.indexOf('=');
          params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      Request recorded = new Request(request.method().name(), request.path(),
          "http://127.0.0.1:" + request.localAddress().port() + request.uri(),
          MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), params);
      requests.add(recorded);
      Answer answer = answers.apply(recorded);
      if (answer.contentType() != null) {
        request.response().putHeader("Content-Type", answer.contentType());
      }
      request.response().setStatusCode(answer.status()).end(answer.body());
    });
  }

  int port() {
    return server.actualPort();
  }

  String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  List<Request> requests(String path) {
    return requests.stream().filter(request -> request.path().equals(path)).toList();
  }

  Future<Void> close() {
    return server.close();
  }
}
