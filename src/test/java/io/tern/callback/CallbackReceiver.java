package io.tern.callback;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An application's status callback endpoint on loopback: it answers each POST as the test says
 * (status and delay) and keeps every request with the answer it got.
 */
final class CallbackReceiver {

  /** What to answer the n-th request (1 for the first), and after how long. */
  interface Answers {
    Answer answer(int n, Map<String, String> form);
  }

  /**
   * @param untilOpen when positive, the answer waits until this many requests are open at
   *     once (then every request held so is answered, and later ones at once), or at most
   *     {@code delayMillis}
   */
  record Answer(int status, long delayMillis, int untilOpen) {
    Answer(int status, long delayMillis) {
      this(status, delayMillis, 0);
    }

    static Answer now(int status) {
      return new Answer(status, 0);
    }

    /** Held until {@code open} requests are open together, but no longer than {@code atMostMillis}. */
    static Answer together(int status, int open, long atMostMillis) {
      return new Answer(status, atMostMillis, open);
    }
  }

  /** One request as it arrived: the URL the receiver saw, its form, headers and the answer. */
  record Received(String url, Map<String, String> form, MultiMap headers, int answeredWith) {
    String sid() {
      return form.get("MessageSid");
    }

    String status() {
      return form.get("MessageStatus");
    }

    boolean accepted() {
      return answeredWith >= 200 && answeredWith < 300;
    }
  }

  private final HttpServer server;
  private final List<Received> arrived;
  private final List<Received> answered;
  private final AtomicInteger open;
  private final AtomicInteger mostOpen;

  private CallbackReceiver(HttpServer server, List<Received> arrived, List<Received> answered,
      AtomicInteger open, AtomicInteger mostOpen) {
    this.server = server;
    this.arrived = arrived;
    this.answered = answered;
    this.open = open;
    this.mostOpen = mostOpen;
  }

  /** Listens on 127.0.0.1 at {@code port} (0 for a free one). */
  static Future<CallbackReceiver> start(Vertx vertx, int port, Answers answers) {
    List<Received> arrived = new CopyOnWriteArrayList<>();
    List<Received> answered = new CopyOnWriteArrayList<>();
    AtomicInteger count = new AtomicInteger();
    AtomicInteger open = new AtomicInteger();
    AtomicInteger mostOpen = new AtomicInteger();
    List<Runnable> heldTogether = new ArrayList<>();
    AtomicBoolean together = new AtomicBoolean();
    HttpServer server = vertx.createHttpServer().requestHandler(request -> {
      mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
      request.body().onSuccess(body -> {
        Map<String, String> form = decode(body.toString(StandardCharsets.UTF_8));
        Answer answer = answers.answer(count.incrementAndGet(), form);
        Received received = new Received(urlOf(request), form,
            MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), answer.status());
        arrived.add(received);
        AtomicBoolean responded = new AtomicBoolean();
        Runnable respond = () -> {
          if (!responded.compareAndSet(false, true)) {
            return;
          }
          open.decrementAndGet();
          answered.add(received);
          request.response().setStatusCode(answer.status()).end();
        };
        if (answer.untilOpen() > 0 && !together.get()) {
          List<Runnable> release = List.of();
          synchronized (heldTogether) {
            heldTogether.add(respond);
            if (open.get() >= answer.untilOpen()) {
              together.set(true);
              release = new ArrayList<>(heldTogether);
              heldTogether.clear();
            }
          }
          release.forEach(Runnable::run);
          vertx.setTimer(answer.delayMillis(), timer -> respond.run());
        } else if (answer.untilOpen() > 0) {
          respond.run();
        } else if (answer.delayMillis() > 0) {
          vertx.setTimer(answer.delayMillis(), timer -> respond.run());
        } else {
          respond.run();
        }
      });
    });
    return server.listen(port, "127.0.0.1").map(listening ->
        new CallbackReceiver(listening, arrived, answered, open, mostOpen));
  }

  private static String urlOf(HttpServerRequest request) {
    return "http://127.0.0.1:" + request.localAddress().port() + request.uri();
  }

  private static Map<String, String> decode(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    new QueryStringDecoder(body, StandardCharsets.UTF_8, false).parameters()
        .forEach((name, values) -> form.put(name, values.get(0)));
    return form;
  }

  /** {@code http://127.0.0.1:<port><path>} */
  String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  /** Requests in the order they arrived. */
  List<Received> arrived() {
    return List.copyOf(arrived);
  }

  /** Requests in the order they were answered. */
  List<Received> answered() {
    return List.copyOf(answered);
  }

  /** Answered with 2xx, in that order. */
  List<Received> accepted() {
    return answered.stream().filter(Received::accepted).toList();
  }

  /** The most requests this receiver held unanswered at once. */
  int mostOpenAtOnce() {
    return mostOpen.get();
  }

  Future<Void> close() {
    return server.close();
  }
}
