package io.tern.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.Gateway;
import io.tern.testing.GatewayApiTest;
import io.tern.testing.RawHttp;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Slow clients cannot hold connections open: a connection that sends nothing, or whose request
 * head trickles in a byte at a time (which would keep restarting an idle timer), is closed once
 * {@code http.requestHeadersTimeoutMillis} passes without a complete head. The idle timeout is
 * set far beyond it here, so it is the head deadline that closes them. Clients that keep up
 * are served as usual, several requests on one connection.
 */
@Timeout(60)
class SlowClientTest extends GatewayApiTest {
  private static final long IDLE_MILLIS = 30_000;
  private static final long HEADERS_MILLIS = 2_000;
  /** Far past both timeouts: a connection still open by then was not closed by them. */
  private static final long GIVE_UP_MILLIS = 10_000;

  @Override
  protected Future<Gateway> startGateway(Vertx vertx) {
    return TestGateway.start(vertx, Map.of(
        "TERN_HTTP_IDLE_TIMEOUT_MILLIS", Long.toString(IDLE_MILLIS),
        "TERN_HTTP_REQUEST_HEADERS_TIMEOUT_MILLIS", Long.toString(HEADERS_MILLIS)),
        Clock.systemUTC(), null);
  }

  @Test
  void idleConnectionsAreClosed() throws IOException {
    List<Socket> idle = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      idle.add(RawHttp.open(gateway.port()));
    }
    for (Socket socket : idle) {
      try (socket) {
        assertThat(closedByServer(socket.getInputStream())).isTrue();
      }
    }
  }

  @Test
  void aRequestHeadThatTricklesInIsCutOff() throws Exception {
    byte[] head = ("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + "a".repeat(500))
        .getBytes(StandardCharsets.US_ASCII);
    try (Socket socket = RawHttp.open(gateway.port())) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      // One byte every 200 ms (the wait for an answer between them) keeps the idle timer from
      // ever firing.
      socket.setSoTimeout(200);
      long giveUp = System.nanoTime() + GIVE_UP_MILLIS * 1_000_000;
      boolean cutOff = false;
      for (int i = 0; i < head.length && System.nanoTime() < giveUp && !cutOff; i++) {
        try {
          out.write(head[i]);
          out.flush();
          cutOff = in.read() < 0;
        } catch (SocketTimeoutException stillOpen) {
          // Not yet: on with the next byte.
        } catch (IOException reset) {
          cutOff = true;
        }
      }
      assertThat(cutOff).as("the server closed the trickling connection").isTrue();
    }
  }

  @Test
  void aClientThatKeepsUpIsServedOnOneConnection() throws Exception {
    byte[] request = "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    try (Socket socket = RawHttp.open(gateway.port())) {
      for (int i = 0; i < 3; i++) {
        socket.getOutputStream().write(request);
        socket.getOutputStream().flush();
        assertThat(statusLine(socket.getInputStream())).startsWith("HTTP/1.1 200");
        skipRestOfAnswer(socket.getInputStream());
        Thread.sleep(HEADERS_MILLIS / 4);
      }
    }
  }

  /** True when the server closes the connection; false when it is still open at the give-up time. */
  private static boolean closedByServer(InputStream in) throws IOException {
    long giveUp = System.nanoTime() + GIVE_UP_MILLIS * 1_000_000;
    while (System.nanoTime() < giveUp) {
      try {
        if (in.read() < 0) {
          return true;
        }
      } catch (SocketTimeoutException stillOpen) {
        return false;
      } catch (IOException reset) {
        return true;
      }
    }
    return false;
  }

  private static String statusLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
      line.append((char) b);
    }
    return line.toString();
  }

  private static void skipRestOfAnswer(InputStream in) throws IOException {
    int contentLength = 0;
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (b == '\n') {
        String header = line.toString().trim();
        if (header.isEmpty()) {
          break;
        }
        if (header.toLowerCase().startsWith("content-length:")) {
          contentLength = Integer.parseInt(header.substring(15).trim());
        }
        line.setLength(0);
      } else {
        line.append((char) b);
      }
    }
    in.readNBytes(contentLength);
  }
}
