package io.tern.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port that stands for an application that is down: connections to it are refused,
 * and no other socket can take it, until {@link #release} hands it to the application the test
 * starts on it. A free port taken and closed again does neither: while a test waits, another
 * socket on the machine may take it and answer in the application's place.
 *
 * <p>The port is held by a bound socket that neither listens nor connects.
 */
public final class DownPort implements AutoCloseable {
  private final Socket holder;

  private DownPort(Socket holder) {
    this.holder = holder;
  }

  public static DownPort reserve() {
    Socket holder = new Socket();
    try {
      holder.bind(new InetSocketAddress("127.0.0.1", 0));
    } catch (IOException e) {
      close(holder);
      throw new UncheckedIOException(e);
    }
    return new DownPort(holder);
  }

  public int port() {
    return holder.getLocalPort();
  }

  /** The application is about to listen on the port: let it have it. */
  public int release() {
    int port = port();
    close(holder);
    return port;
  }

  @Override
  public void close() {
    close(holder);
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
