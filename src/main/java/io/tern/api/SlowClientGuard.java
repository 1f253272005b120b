package io.tern.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;

/**
 * Closes HTTP connections that take too long to deliver a request head: from the moment a
 * connection opens, or its last answer is written, the next request's headers must be complete
 * within the timeout. The idle timeout alone misses a client that trickles a byte now and then
 * (each byte restarts it), which is how a few slow clients hold every connection open.
 *
 * <p>One instance per ingress verticle; its connections and requests are all handled on that
 * verticle's event loop, so the map needs no locking.
 */
final class SlowClientGuard {
  private final Vertx vertx;
  private final long timeoutMillis;
  private final Map<HttpConnection, Deadline> deadlines = new HashMap<>();

  SlowClientGuard(Vertx vertx, long timeoutMillis) {
    this.vertx = vertx;
    this.timeoutMillis = timeoutMillis;
  }

  void connected(HttpConnection connection) {
    if (timeoutMillis <= 0) {
      return;
    }
    Deadline deadline = new Deadline(connection);
    deadlines.put(connection, deadline);
    connection.closeHandler(closed -> deadlines.remove(connection).disarm());
    deadline.arm();
  }

  /** A request's head has arrived: its connection waits for nothing until it is answered. */
  void requestStarted(HttpServerRequest request) {
    Deadline deadline = deadlines.get(request.connection());
    if (deadline != null) {
      deadline.requestStarted();
    }
  }

  /** The router's first handler: the next head is due once this request is answered. */
  void handle(RoutingContext ctx) {
    Deadline deadline = deadlines.get(ctx.request().connection());
    if (deadline != null) {
      // Called once, whether the answer was written or the connection dropped.
      ctx.addEndHandler(ended -> deadline.requestFinished());
    }
    ctx.next();
  }

  /** One connection's timer, armed while no request is in progress on it. */
  private final class Deadline {
    private final HttpConnection connection;
    private int inProgress;
    private long timer = -1;
    private boolean closed;

    Deadline(HttpConnection connection) {
      this.connection = connection;
    }

    void requestStarted() {
      inProgress++;
      cancelTimer();
    }

    void requestFinished() {
      if (--inProgress == 0) {
        arm();
      }
    }

    void arm() {
      if (closed) {
        return;
      }
      cancelTimer();
      timer = vertx.setTimer(timeoutMillis, fired -> {
        timer = -1;
        if (inProgress == 0) {
          connection.close();
        }
      });
    }

    void disarm() {
      closed = true;
      cancelTimer();
    }

    private void cancelTimer() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
    }
  }
}
