package io.tern.outbound;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one check every outbound URL passes before Tern opens a connection to it.
 *
 * <p>The check is on the addresses the host resolves to, not on the host name: a name is only a
 * pointer, and anyone can publish a DNS name (or use a wildcard service such as nip.io) that
 * points at 127.0.0.1, 10.0.0.5 or 169.254.169.254. A name is refused when <em>any</em> of its
 * addresses is refused, because the connection may use any of them.
 *
 * <p>Checking is not enough on its own: if the fetch resolved the name again, a DNS server
 * answering with a short TTL could give a public address to the check and an internal one to the
 * fetch (DNS rebinding). So {@link #check} returns the address it approved, and callers connect
 * to exactly that address with {@link #pinned}, keeping the original host for the Host header,
 * TLS SNI and certificate verification.
 *
 * <p>Names resolve through Vert.x's own non-blocking resolver (the one its HTTP client uses,
 * which reads /etc/hosts and then asks DNS), reached through the internal {@code
 * VertxInternal.nameResolver()} because the public {@code DnsClient} ignores /etc/hosts. Vert.x
 * falls back to the JDK's blocking resolver only when the {@code vertx.disableDnsResolver} system
 * property is set; Tern does not set it.
 */
public final class OutboundGuard {
  private final VertxInternal vertx;
  private final OutboundRules rules;

  public OutboundGuard(Vertx vertx, OutboundRules rules) {
    this.vertx = (VertxInternal) vertx;
    this.rules = rules;
  }

  public OutboundRules rules() {
    return rules;
  }

  /** Like {@link #check(URI)}; text that is not a URI is refused. */
  public Future<InetAddress> check(String url) {
    try {
      return check(new URI(url));
    } catch (URISyntaxException e) {
      return Future.failedFuture(new OutboundRefusedException(url, "not a valid URL"));
    }
  }

  /**
   * The address to connect to for {@code url}, or a failed future: {@link
   * OutboundRefusedException} when Tern must not connect, {@link UnknownHostException} (or the
   * resolver's own failure) when the host does not resolve. Literal IP hosts skip DNS.
   */
  public Future<InetAddress> check(URI url) {
    String text = url.toString();
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Future.failedFuture(new OutboundRefusedException(text, "only http and https URLs are fetched"));
    }
    String host = url.getHost();
    if (host == null || host.isEmpty()) {
      return Future.failedFuture(new OutboundRefusedException(text, "the URL has no host"));
    }
    Optional<InetAddress> literal = IpLiteral.parse(host);
    Future<List<InetAddress>> addresses = literal.isPresent()
        ? Future.succeededFuture(List.of(literal.get()))
        : resolve(host);
    return addresses.compose(all -> approve(text, all));
  }

  /**
   * Request options that connect to {@code address} (as approved by {@link #check}) while
   * speaking to {@code url}'s host: Vert.x sends that host in the Host header and uses it for SNI
   * and for verifying the server certificate, so https works as if the name had been resolved
   * normally. Method, headers and timeouts are the caller's to add.
   */
  public static RequestOptions pinned(URI url, InetAddress address) {
    boolean ssl = "https".equalsIgnoreCase(url.getScheme());
    int port = url.getPort() != -1 ? url.getPort() : ssl ? 443 : 80;
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
    return new RequestOptions()
        .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, port)))
        .setHost(url.getHost())
        .setPort(port)
        .setSsl(ssl)
        .setURI(path + query);
  }

  private Future<List<InetAddress>> resolve(String host) {
    Promise<List<InetSocketAddress>> resolved = Promise.promise();
    vertx.nameResolver().resolveAll(host, resolved::handle);
    return resolved.future().compose(found -> found.isEmpty()
        ? Future.failedFuture(new UnknownHostException(host))
        : Future.succeededFuture(found.stream().map(InetSocketAddress::getAddress).toList()));
  }

  /** The first address when none is refused: the connection may use any of them. */
  Future<InetAddress> approve(String url, List<InetAddress> addresses) {
    for (InetAddress address : addresses) {
      Optional<String> refusal = rules.refusal(address);
      if (refusal.isPresent()) {
        return Future.failedFuture(new OutboundRefusedException(url, refusal.get()));
      }
    }
    return Future.succeededFuture(addresses.get(0));
  }
}
