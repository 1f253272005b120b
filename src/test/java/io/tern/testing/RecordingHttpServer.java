package io.tern.testing;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A stand-in for Twilio (or for a status-callback receiver) on loopback: it records every request
 * and answers with whatever the test's function returns, or a Twilio 404 when it returns null.
 */
public final class RecordingHttpServer {

  /** One request as it arrived. */
  public record RecordedRequest(String method, String path, String query, MultiMap headers, String body) {

    /** The form-encoded body, repeated keys kept in order. */
    public Map<String, List<String>> form() {
      return new QueryStringDecoder(body, StandardCharsets.UTF_8, false).parameters();
    }

    /** The decoded query string. */
    public Map<String, List<String>> queryParams() {
      return new QueryStringDecoder(query == null ? "" : query, StandardCharsets.UTF_8, false).parameters();
    }
  }

  /** What to answer; an empty body is sent as no body at all (e.g. 204). */
  public record CannedResponse(int status, String body) {
    public static CannedResponse json(int status, JsonObject body) {
      return new CannedResponse(status, body.encode());
    }
  }

  private final HttpServer server;
  private final List<RecordedRequest> requests;

  private RecordingHttpServer(HttpServer server, List<RecordedRequest> requests) {
    this.server = server;
    this.requests = requests;
  }

  /** Listens on 127.0.0.1 at a free port. */
  public static Future<RecordingHttpServer> start(
      Vertx vertx, Function<RecordedRequest, CannedResponse> answers) {
    List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    return vertx.createHttpServer()
        .requestHandler(request -> record(request, requests, answers))
        .listen(0, "127.0.0.1")
        .map(server -> new RecordingHttpServer(server, requests));
  }

  private static void record(HttpServerRequest request, List<RecordedRequest> requests,
      Function<RecordedRequest, CannedResponse> answers) {
    request.body().onSuccess(body -> {
      RecordedRequest recorded = new RecordedRequest(request.method().name(), request.path(),
          request.query(), MultiMap.caseInsensitiveMultiMap().addAll(request.headers()),
          body.toString(StandardCharsets.UTF_8));
      requests.add(recorded);
      CannedResponse answer = answers.apply(recorded);
      if (answer == null) {
        answer = CannedResponse.json(404, new JsonObject()
            .put("code", 20404)
            .put("message", "The requested resource " + recorded.path() + " was not found")
            .put("more_info", "https://www.twilio.com/docs/errors/20404")
            .put("status", 404));
      }
      if (answer.body().isEmpty()) {
        request.response().setStatusCode(answer.status()).end();
      } else {
        request.response()
            .setStatusCode(answer.status())
            .putHeader("Content-Type", "application/json")
            .end(answer.body());
      }
    });
  }

  public int port() {
    return server.actualPort();
  }

  /** {@code http://127.0.0.1:<port>} */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** Every request so far, oldest first. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  public Future<Void> close() {
    return server.close();
  }
}
