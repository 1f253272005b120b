package io.tern.validation;

import io.tern.outbound.WebhookUrl;
import io.tern.message.ApiError;
import io.tern.message.TwilioError;
import io.tern.outbound.OutboundGuard;
import io.tern.outbound.OutboundRefusedException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the MediaUrls of an MMS before the message is created, as Twilio does (reference §9):
 * the URL must be absolute http or https (21620) and one Tern may fetch from (21620 too, see
 * {@link OutboundGuard}); the media must be reachable with a 2xx answer (11200), of an accepted
 * content type whose first bytes match it (12300), and within the size limit for that type
 * (11751).
 *
 * <p>Tern reports all of these synchronously: the create request fails with HTTP 400 and no
 * message is stored. Twilio's own behaviour here is not clearly documented (often a later
 * {@code failed} status); failing at once tells the client the reason on the call it made, and
 * no message is billed or queued for media that can never be sent.
 *
 * <p>Each URL costs a HEAD and, to see the first bytes, a GET with {@code Range: bytes=0-511}
 * whose answer is read only up to 512 bytes; a server that ignores the range has its connection
 * reset after them, so a large body is never downloaded. When HEAD already shows a type or a
 * length that is refused, no GET is made. A server that refuses HEAD (405, or any non-2xx) is
 * judged by the GET alone. Redirects are followed up to {@value #MAX_REDIRECTS} times, each
 * target passing the outbound guard again. The whole check of one URL has {@link
 * MediaLimits#timeout()} to finish.
 */
public final class MediaChecker {
  static final int MAX_REDIRECTS = 5;
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-\\d+/(\\d+|\\*)");

  private final HttpClient client;
  private final boolean ownsClient;
  private final OutboundGuard guard;
  private final MediaLimits limits;

  /** A checker with its own HTTP client, trusting the JVM's certificate authorities. */
  public MediaChecker(Vertx vertx, OutboundGuard guard, MediaLimits limits) {
    this(vertx.createHttpClient(new HttpClientOptions().setDecompressionSupported(false)), true, guard, limits);
  }

  /**
   * A checker on a client the caller owns (for other trust settings). The client must not follow
   * redirects by itself nor decompress bodies: both would bypass what this class checks.
   */
  public MediaChecker(HttpClient client, OutboundGuard guard, MediaLimits limits) {
    this(client, false, guard, limits);
  }

  private MediaChecker(HttpClient client, boolean ownsClient, OutboundGuard guard, MediaLimits limits) {
    this.client = client;
    this.ownsClient = ownsClient;
    this.guard = guard;
    this.limits = limits;
  }

  /** The media behind {@code url}, or a failed future carrying the {@link ApiError} to answer. */
  public Future<CheckedMedia> check(String url) {
    Optional<URI> parsed = parse(url);
    if (parsed.isEmpty()) {
      return Future.failedFuture(TwilioError.INVALID_MEDIA_URL.with(url));
    }
    long timeoutMs = limits.timeout().toMillis();
    return inspect(url, parsed.get())
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .recover(e -> Future.failedFuture(e instanceof TimeoutException
            ? TwilioError.MEDIA_UNREACHABLE.with(url, "no answer within " + timeoutMs + " ms")
            : e));
  }

  /**
   * Checks every URL in parallel. On failure the error is that of the first failing URL in the
   * order given, whichever finished first, so the answer does not depend on network timing.
   */
  public Future<List<CheckedMedia>> checkAll(List<String> urls) {
    List<Future<CheckedMedia>> checks = urls.stream().map(this::check).toList();
    return Future.join(checks).transform(done -> checks.stream()
        .filter(Future::failed)
        .findFirst()
        .<Future<List<CheckedMedia>>>map(failed -> Future.failedFuture(failed.cause()))
        .orElseGet(() -> Future.succeededFuture(checks.stream().map(Future::result).toList())));
  }

  /** Closes the HTTP client if this checker created it. */
  public Future<Void> close() {
    return ownsClient ? client.close() : Future.succeededFuture();
  }

  private static Optional<URI> parse(String url) {
    if (url == null) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(url.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean web = scheme.equals("http") || scheme.equals("https");
      return web && uri.getHost() != null && !uri.getHost().isEmpty() && WebhookUrl.hasValidPort(uri)
          ? Optional.of(uri) : Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  private Future<CheckedMedia> inspect(String url, URI uri) {
    return fetch(url, HttpMethod.HEAD, uri, MAX_REDIRECTS).compose(head -> {
      Optional<ApiError> early = head.isSuccess() && head.contentType() != null && head.contentLength() != null
          ? typeOrSizeProblem(url, MediaTypes.normalize(head.contentType()), head.contentLength())
          : Optional.empty();
      if (early.isPresent()) {
        return Future.failedFuture(early.get());
      }
      return fetch(url, HttpMethod.GET, uri, MAX_REDIRECTS).compose(get -> judge(url, head, get));
    });
  }

  private Future<CheckedMedia> judge(String url, Answer head, Answer get) {
    if (get.status() != 200 && get.status() != 206) {
      return Future.failedFuture(TwilioError.MEDIA_UNREACHABLE.with(url, "HTTP " + get.status()));
    }
    String declared = get.contentType() != null ? get.contentType() : head.isSuccess() ? head.contentType() : null;
    if (declared == null) {
      return Future.failedFuture(TwilioError.MEDIA_CONTENT_TYPE.with(url, "no Content-Type"));
    }
    String mediaType = MediaTypes.normalize(declared);
    long size = get.totalSize().orElse(head.isSuccess() && head.contentLength() != null ? head.contentLength() : -1);
    Optional<ApiError> problem = typeOrSizeProblem(url, mediaType, size);
    if (problem.isPresent()) {
      return Future.failedFuture(problem.get());
    }
    // A compressed body or a range that does not start at 0 cannot be compared with a signature.
    if (get.isIdentityFromStart() && !MediaTypes.matches(mediaType, get.firstBytes())) {
      return Future.failedFuture(TwilioError.MEDIA_CONTENT_TYPE.with(url,
          "the content is not " + mediaType + " as declared"));
    }
    return Future.succeededFuture(new CheckedMedia(url, mediaType, size));
  }

  private Optional<ApiError> typeOrSizeProblem(String url, String mediaType, long size) {
    if (!MediaTypes.isAccepted(mediaType)) {
      return Optional.of(TwilioError.MEDIA_CONTENT_TYPE.with(url, mediaType + " is not an accepted content type"));
    }
    long limit = limits.limitFor(mediaType);
    return size > limit ? Optional.of(TwilioError.MEDIA_TOO_LARGE.with(url, limit)) : Optional.empty();
  }

  /** One request, after the guard approves its target, following redirects. */
  private Future<Answer> fetch(String url, HttpMethod method, URI target, int redirectsLeft) {
    return guard.check(target)
        .recover(e -> Future.failedFuture(refusal(url, target, e)))
        .compose(address -> exchange(method, target, address)
            .recover(e -> Future.failedFuture(TwilioError.MEDIA_UNREACHABLE.with(url, describe(e)))))
        .compose(answer -> {
          if (!REDIRECTS.contains(answer.status())) {
            return Future.succeededFuture(answer);
          }
          if (answer.location() == null) {
            return Future.failedFuture(TwilioError.MEDIA_UNREACHABLE.with(url, "redirect without a Location"));
          }
          if (redirectsLeft == 0) {
            return Future.failedFuture(TwilioError.MEDIA_UNREACHABLE.with(url, "too many redirects"));
          }
          Optional<URI> next = resolve(target, answer.location());
          return next.isPresent()
              ? fetch(url, method, next.get(), redirectsLeft - 1)
              : Future.failedFuture(TwilioError.MEDIA_UNREACHABLE.with(url, "redirect to an invalid URL"));
        });
  }

  private static ApiError refusal(String url, URI target, Throwable e) {
    if (e instanceof OutboundRefusedException refused) {
      // The explanation leaves out the resolved address (see the exception) and names the rule
      // and the setting that opens it, so the client knows whom to ask.
      String where = target.toString().equals(url) ? "that address" : "the address it redirects to";
      return TwilioError.INVALID_MEDIA_URL.with(url + " is not allowed: Tern does not fetch media from "
          + where + ": " + refused.explanation());
    }
    return TwilioError.MEDIA_UNREACHABLE.with(url, describe(e));
  }

  private static Optional<URI> resolve(URI base, String location) {
    try {
      return Optional.of(base.resolve(new URI(location.strip())));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private Future<Answer> exchange(HttpMethod method, URI target, InetAddress address) {
    // The check's own deadline (check()) is the one that answers; these only free the
    // connection afterwards. Equal to it, they raced it and a silent server's error depended on
    // which timer fired first.
    long backstopMs = 2 * limits.timeout().toMillis();
    RequestOptions options = OutboundGuard.pinned(target, address)
        .setMethod(method)
        .setConnectTimeout(backstopMs)
        .setIdleTimeout(backstopMs)
        .setFollowRedirects(false)
        .putHeader(HttpHeaders.USER_AGENT, "Tern media check")
        .putHeader(HttpHeaders.ACCEPT_ENCODING, "identity");
    if (method == HttpMethod.GET) {
      options.putHeader("Range", "bytes=0-" + (MediaTypes.SNIFF_BYTES - 1));
    }
    return client.request(options).compose(request -> request.send()
        .compose(response -> firstBytes(request, response).map(bytes -> Answer.of(response, bytes))));
  }

  /**
   * At most {@link MediaTypes#SNIFF_BYTES} of the body. When the server sends more, the request is
   * reset, which closes the connection rather than draining a body that may be gigabytes long.
   */
  private static Future<byte[]> firstBytes(HttpClientRequest request, HttpClientResponse response) {
    if (request.getMethod() == HttpMethod.HEAD) {
      return response.end().map(new byte[0]);
    }
    Promise<byte[]> done = Promise.promise();
    Buffer kept = Buffer.buffer(MediaTypes.SNIFF_BYTES);
    response.exceptionHandler(done::tryFail);
    response.endHandler(end -> done.tryComplete(kept.getBytes()));
    response.handler(chunk -> {
      int room = MediaTypes.SNIFF_BYTES - kept.length();
      if (room <= 0) {
        return;
      }
      kept.appendBuffer(chunk, 0, Math.min(room, chunk.length()));
      if (kept.length() == MediaTypes.SNIFF_BYTES && done.tryComplete(kept.getBytes())) {
        request.reset();
      }
    });
    return done.future();
  }

  private static String describe(Throwable e) {
    if (e instanceof UnknownHostException) {
      return "host not found";
    }
    if (e instanceof ConnectException) {
      return "connection failed";
    }
    if (e instanceof TimeoutException) {
      return "timed out";
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  /** What one request taught: status, the headers that matter and the first bytes of the body. */
  private record Answer(
      int status,
      String contentType,
      Long contentLength,
      String contentRange,
      String contentEncoding,
      String location,
      byte[] firstBytes) {

    static Answer of(HttpClientResponse response, byte[] firstBytes) {
      return new Answer(
          response.statusCode(),
          response.getHeader(HttpHeaders.CONTENT_TYPE),
          parseLength(response.getHeader(HttpHeaders.CONTENT_LENGTH)),
          response.getHeader(HttpHeaders.CONTENT_RANGE),
          response.getHeader(HttpHeaders.CONTENT_ENCODING),
          response.getHeader(HttpHeaders.LOCATION),
          firstBytes);
    }

    boolean isSuccess() {
      return status >= 200 && status < 300;
    }

    /** The size of the whole resource: the total of a partial answer, else the declared length. */
    Optional<Long> totalSize() {
      if (status == 206) {
        Matcher range = contentRange == null ? null : CONTENT_RANGE.matcher(contentRange.strip());
        return range != null && range.matches() ? Optional.ofNullable(parseLength(range.group(2))) : Optional.empty();
      }
      return Optional.ofNullable(contentLength);
    }

    boolean isIdentityFromStart() {
      boolean identity = contentEncoding == null || contentEncoding.strip().equalsIgnoreCase("identity");
      if (status != 206) {
        return identity;
      }
      Matcher range = contentRange == null ? null : CONTENT_RANGE.matcher(contentRange.strip());
      return identity && range != null && range.matches() && range.group(1).equals("0");
    }

    private static Long parseLength(String text) {
      try {
        return text == null ? null : Long.parseLong(text.strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }
}
