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

  /**
   * One connection's deadline: the next head is due {@code timeoutMillis} after the connection
   * opened or its last answer was written. Its timer is not moved with every request (a timer
   * set and cancelled per request was 1-2% of the gateway's CPU under load): when it fires it
   * closes the connection only if it is idle and the deadline has passed, and otherwise waits
   * for the deadline the connection has now.
   */
  private final class Deadline {
    private final HttpConnection connection;
    private int inProgress;
    private long idleSinceNanos;
    private long timer = -1;
    private boolean closed;

    Deadline(HttpConnection connection) {
      this.connection = connection;
    }

    void requestStarted() {
      inProgress++;
    }

    void requestFinished() {
      if (--inProgress == 0) {
        arm();
      }
    }

    /** Idle from now: the deadline moves to now plus the timeout. */
    void arm() {
      if (closed) {
        return;
      }
      idleSinceNanos = System.nanoTime();
      if (timer < 0) {
        wakeIn(timeoutMillis);
      }
    }

    void disarm() {
      closed = true;
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
    }

    private void wakeIn(long millis) {
      timer = vertx.setTimer(millis, fired -> {
        timer = -1;
        if (inProgress > 0 || closed) {
          return; // Re-armed when the answer is written, or gone.
        }
        long leftMillis = timeoutMillis - (System.nanoTime() - idleSinceNanos) / 1_000_000;
        if (leftMillis <= 0) {
          connection.close();
        } else {
          wakeIn(leftMillis);
        }
      });
    }
  }
}
