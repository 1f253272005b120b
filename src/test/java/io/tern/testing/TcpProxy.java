package io.tern.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on loopback to a real server, that a test can cut and restore: the server behind
 * it becomes unreachable for the gateway (open connections drop, new ones are closed at once)
 * while it goes on running for everyone else.
 */
public final class TcpProxy {
  private final Vertx vertx;
  private final String targetHost;
  private final int targetPort;
  private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean cut;
  private NetServer server;

  private TcpProxy(Vertx vertx, String targetHost, int targetPort) {
    this.vertx = vertx;
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  public static Future<TcpProxy> start(Vertx vertx, String targetHost, int targetPort) {
    TcpProxy proxy = new TcpProxy(vertx, targetHost, targetPort);
    proxy.server = vertx.createNetServer().connectHandler(proxy::relay);
    return proxy.server.listen(0, "127.0.0.1").map(proxy);
  }

  public int port() {
    return server.actualPort();
  }

  /** Drops every open connection and refuses new ones until {@link #restore()}. */
  public void cut() {
    cut = true;
    open.forEach(NetSocket::close);
  }

  public void restore() {
    cut = false;
  }

  public Future<Void> close() {
    cut();
    return server.close();
  }

  private void relay(NetSocket client) {
    if (cut) {
      client.close();
      return;
    }
    client.pause();
    vertx.createNetClient().connect(targetPort, targetHost).onComplete(connected -> {
      if (connected.failed()) {
        client.close();
        return;
      }
      NetSocket target = connected.result();
      open.add(client);
      open.add(target);
      client.closeHandler(closed -> {
        open.remove(client);
        target.close();
      });
      target.closeHandler(closed -> {
        open.remove(target);
        client.close();
      });
      client.pipeTo(target);
      target.pipeTo(client);
      client.resume();
    });
  }
}
