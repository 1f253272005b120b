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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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
 * property is set; Tern does not set it. A name is resolved once per {@value #CACHE_MILLIS} ms
 * whatever number of URLs and checks use it (the answer, or the failure, is kept that long), so
 * a burst of callbacks or media on one host costs one lookup. A guard belongs to one verticle
 * instance and is used on its event loop only.
 */
public final class OutboundGuard {
  static final long CACHE_MILLIS = 10_000;
  static final int CACHE_ENTRIES = 1_024;
  /** The longest {@link #screen} waits for a name before it lets the URL through. */
  static final long SCREEN_MILLIS = 2_000;

  private final VertxInternal vertx;
  private final OutboundRules rules;
  private final Map<String, Resolution> resolved = new HashMap<>();

  /** A lookup, finished or on its way, and when it stops being reused. */
  private record Resolution(Future<List<InetAddress>> addresses, long expiresAtNanos) {}

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
    // Beyond 65535 a connection would fail deep in the client with an exception, not a result.
    if (url.getPort() != -1 && (url.getPort() < 1 || url.getPort() > 65_535)) {
      return Future.failedFuture(new OutboundRefusedException(text, "the port is not 1-65535"));
    }
    Optional<InetAddress> literal = IpLiteral.parse(host);
    Future<List<InetAddress>> addresses = literal.isPresent()
        ? Future.succeededFuture(List.of(literal.get()))
        : resolve(host);
    return addresses.compose(all -> approve(text, all));
  }

  /**
   * The refusal a URL would meet when Tern connects to it, asked when the URL is set (a
   * StatusCallback, a webhook) so the client learns now rather than from a callback that never
   * arrives: empty when its addresses are allowed, and also when its host does not resolve
   * within {@value #SCREEN_MILLIS} ms (the receiver may not exist yet; the check is made again
   * at every connection).
   */
  public Future<Optional<OutboundRefusedException>> screen(String url) {
    Promise<Optional<OutboundRefusedException>> verdict = Promise.promise();
    long timer = vertx.setTimer(SCREEN_MILLIS, late -> verdict.tryComplete(Optional.empty()));
    check(url).onComplete(checked -> {
      vertx.cancelTimer(timer);
      verdict.tryComplete(checked.failed() && checked.cause() instanceof OutboundRefusedException refused
          ? Optional.of(refused) : Optional.empty());
    });
    return verdict.future();
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
    String key = host.toLowerCase(Locale.ROOT);
    long now = System.nanoTime();
    Resolution cached = resolved.get(key);
    if (cached != null && now - cached.expiresAtNanos() < 0) {
      return cached.addresses();
    }
    if (resolved.size() >= CACHE_ENTRIES) {
      resolved.values().removeIf(entry -> now - entry.expiresAtNanos() >= 0);
      if (resolved.size() >= CACHE_ENTRIES) {
        resolved.clear();
      }
    }
    Promise<List<InetSocketAddress>> lookup = Promise.promise();
    vertx.nameResolver().resolveAll(host, lookup::handle);
    Future<List<InetAddress>> addresses = lookup.future().compose(found -> found.isEmpty()
        ? Future.failedFuture(new UnknownHostException(host))
        : Future.succeededFuture(found.stream().map(InetSocketAddress::getAddress).toList()));
    resolved.put(key, new Resolution(addresses, now + TimeUnit.MILLISECONDS.toNanos(CACHE_MILLIS)));
    return addresses;
  }

  /** The first address when none is refused: the connection may use any of them. */
  Future<InetAddress> approve(String url, List<InetAddress> addresses) {
    for (InetAddress address : addresses) {
      Optional<Refusal> refusal = rules.refusalOf(address);
      if (refusal.isPresent()) {
        return Future.failedFuture(new OutboundRefusedException(url, refusal.get()));
      }
    }
    return Future.succeededFuture(addresses.get(0));
  }
}
