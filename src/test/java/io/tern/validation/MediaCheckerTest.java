package io.tern.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.message.ApiError;
import io.tern.outbound.Cidr;
import io.tern.outbound.OutboundGuard;
import io.tern.outbound.OutboundRules;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.dns.AddressResolverOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class MediaCheckerTest {
  /** TLS handshakes with a fresh self-signed certificate are slow on a busy machine; these tests are about trust, not time. */
  private static final MediaLimits TLS_LIMITS = new MediaLimits(
      MediaLimits.defaults().imageBytes(), MediaLimits.defaults().otherBytes(), java.time.Duration.ofSeconds(30));
  /** Media is served from 127.0.0.1, so these tests allow loopback like a single-machine set-up. */
  private static final OutboundRules LOOPBACK_ALLOWED =
      new OutboundRules(true, Cidr.parseAll(OutboundRules.DEFAULT_DENY), List.of());

  private MediaServer media;
  private MediaChecker checker;
  private Vertx named;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext test) {
    checker = new MediaChecker(vertx, new OutboundGuard(vertx, LOOPBACK_ALLOWED), MediaLimits.defaults());
    MediaServer.start(vertx, new HttpServerOptions()).onComplete(test.succeeding(server -> {
      media = server;
      test.completeNow();
    }));
  }

  @AfterEach
  void closeNamedVertx() throws Exception {
    if (named != null) {
      named.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void acceptsARealPngCheckingItWithHeadAndARangedGet(VertxTestContext test) {
    checker.check(media.url("/pic.png")).onComplete(test.succeeding(checked -> test.verify(() -> {
      assertThat(checked).isEqualTo(new CheckedMedia(media.url("/pic.png"), "image/png", MediaServer.PNG.length));
      assertThat(media.requests).containsExactly("HEAD /pic.png", "GET /pic.png");
      test.completeNow();
    })));
  }

  @Test
  void sendsTheOriginalHostWhileConnectingToTheCheckedAddress(VertxTestContext test) {
    String url = "http://localhost:" + media.port() + "/pic.png";

    checker.check(url).onComplete(test.succeeding(checked -> test.verify(() -> {
      assertThat(media.hostHeaders).isNotEmpty().allMatch(("localhost:" + media.port())::equals);
      test.completeNow();
    })));
  }

  @Test
  void aMissingFileIsUnreachable(VertxTestContext test) {
    expectError(checker.check(media.url("/missing.png")), 11200, "404", test);
  }

  @Test
  void aClosedPortIsUnreachable(VertxTestContext test) throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    expectError(checker.check("http://127.0.0.1:" + closedPort + "/pic.png"), 11200, "connection", test);
  }

  @Test
  void aServerThatNeverAnswersIsUnreachableAfterTheTimeout(Vertx vertx, VertxTestContext test) {
    MediaChecker impatient = new MediaChecker(vertx, new OutboundGuard(vertx, LOOPBACK_ALLOWED),
        new MediaLimits(MediaLimits.DEFAULT_IMAGE_BYTES, MediaLimits.DEFAULT_OTHER_BYTES, Duration.ofMillis(300)));

    expectError(impatient.check(media.url("/slow.png")), 11200, "300 ms", test);
  }

  @Test
  void htmlIsNotAnAcceptedContentType(VertxTestContext test) {
    expectError(checker.check(media.url("/page.html")), 12300, "text/html", test);
  }

  @Test
  void aPngDeclaredAsJpegIsRefusedByItsFirstBytes(VertxTestContext test) {
    expectError(checker.check(media.url("/png-as-jpeg.jpg")), 12300, "not image/jpeg", test);
  }

  @Test
  void anImageOverFiveMegabytesIsRefusedFromItsContentLengthWithoutDownloadingIt(VertxTestContext test) {
    checker.check(media.url("/huge.jpg")).onComplete(test.failing(error -> test.verify(() -> {
      assertThat(error).isInstanceOf(ApiError.class);
      assertThat(((ApiError) error).code()).isEqualTo(11751);
      assertThat(error.getMessage()).contains(Long.toString(MediaLimits.DEFAULT_IMAGE_BYTES));
      assertThat(media.count("GET /huge.jpg")).isZero();
      test.completeNow();
    })));
  }

  @Test
  void aPdfOver500KilobytesIsTooLarge(VertxTestContext test) {
    expectError(checker.check(media.url("/report.pdf")), 11751, Long.toString(MediaLimits.DEFAULT_OTHER_BYTES), test);
  }

  @Test
  void aServerThatRefusesHeadIsCheckedByGet(VertxTestContext test) {
    checker.check(media.url("/no-head.png")).onComplete(test.succeeding(checked -> test.verify(() -> {
      assertThat(checked.contentType()).isEqualTo("image/png");
      assertThat(checked.size()).isEqualTo(MediaServer.PNG.length);
      assertThat(media.requests).containsExactly("HEAD /no-head.png", "GET /no-head.png");
      test.completeNow();
    })));
  }

  @Test
  void readsOnlyTheFirstBytesOfABodyThatNeverEnds(VertxTestContext test) {
    checker.check(media.url("/endless.gif")).onComplete(test.succeeding(checked -> test.verify(() -> {
      assertThat(checked.contentType()).isEqualTo("image/gif");
      assertThat(checked.size()).as("no length was declared").isEqualTo(-1);
      test.completeNow();
    })));
  }

  @Test
  void followsARedirect(VertxTestContext test) {
    checker.check(media.url("/moved.png")).onComplete(test.succeeding(checked -> test.verify(() -> {
      assertThat(checked.url()).isEqualTo(media.url("/moved.png"));
      assertThat(checked.contentType()).isEqualTo("image/png");
      test.completeNow();
    })));
  }

  @Test
  void aRedirectToTheMetadataServiceIsNotAllowed(VertxTestContext test) {
    expectError(checker.check(media.url("/to-metadata.png")), 21620, "not allowed", test);
  }

  @Test
  void aLoopbackUrlIsNotAllowedWhenLoopbackIsOff(Vertx vertx, VertxTestContext test) {
    MediaChecker strict = new MediaChecker(vertx, new OutboundGuard(vertx, OutboundRules.defaults()), MediaLimits.defaults());

    expectError(strict.check(media.url("/pic.png")), 21620, "not allowed", test);
  }

  @Test
  void aUrlThatIsNotHttpIsInvalid(VertxTestContext test) {
    expectError(checker.check("ftp://x"), 21620, "ftp://x", test);
  }

  @Test
  void textThatIsNotAUrlIsInvalid(VertxTestContext test) {
    expectError(checker.check("not a url"), 21620, "not a url", test);
  }

  @Test
  void checkAllGivesEveryMediaInOrder(VertxTestContext test) {
    checker.checkAll(List.of(media.url("/pic.png"), media.url("/no-head.png")))
        .onComplete(test.succeeding(all -> test.verify(() -> {
          assertThat(all).extracting(CheckedMedia::url).containsExactly(media.url("/pic.png"), media.url("/no-head.png"));
          test.completeNow();
        })));
  }

  @Test
  void checkAllFailsWithTheFirstFailingUrlInOrderNotInTime(Vertx vertx, VertxTestContext test) {
    MediaChecker impatient = new MediaChecker(vertx, new OutboundGuard(vertx, LOOPBACK_ALLOWED),
        new MediaLimits(MediaLimits.DEFAULT_IMAGE_BYTES, MediaLimits.DEFAULT_OTHER_BYTES, Duration.ofMillis(300)));

    // The slow URL fails last in time but comes first in the list.
    expectError(impatient.checkAll(List.of(media.url("/pic.png"), media.url("/slow.png"), "ftp://x")),
        11200, "/slow.png", test);
  }

  @Test
  void checksHttpsMediaAgainstTheCertificateOfTheOriginalHost(Vertx vertx, VertxTestContext test) {
    SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
    HttpServerOptions tls = new HttpServerOptions().setSsl(true).setKeyCertOptions(certificate.keyCertOptions());
    // Trusting this certificate (issued to "localhost") only: connecting to 127.0.0.1 while
    // verifying against the IP address instead of the name would fail the handshake.
    var client = vertx.createHttpClient(new HttpClientOptions().setTrustOptions(certificate.trustOptions()));
    MediaChecker overTls = new MediaChecker(client, new OutboundGuard(vertx, LOOPBACK_ALLOWED), TLS_LIMITS);

    MediaServer.start(vertx, tls)
        .compose(server -> overTls.check("https://localhost:" + server.port() + "/pic.png"))
        .onComplete(test.succeeding(checked -> test.verify(() -> {
          assertThat(checked.contentType()).isEqualTo("image/png");
          test.completeNow();
        })));
  }

  @Test
  void namesTheOriginalHostInTlsServerNameIndication(VertxTestContext test) {
    // A Vert.x whose resolver knows a dotted name for loopback, as a DNS server would; the JDK
    // only sends SNI for dotted names.
    named = Vertx.vertx(new VertxOptions().setAddressResolverOptions(new AddressResolverOptions()
        .setHostsValue(Buffer.buffer("127.0.0.1 media.example.test\n"))));
    SelfSignedCertificate certificate = SelfSignedCertificate.create("media.example.test");
    HttpServerOptions tls = new HttpServerOptions().setSsl(true).setSni(true)
        .setKeyCertOptions(certificate.keyCertOptions());
    var client = named.createHttpClient(new HttpClientOptions().setTrustOptions(certificate.trustOptions()));
    MediaChecker overTls = new MediaChecker(client, new OutboundGuard(named, LOOPBACK_ALLOWED), TLS_LIMITS);

    MediaServer.start(named, tls)
        .compose(server -> overTls.check("https://media.example.test:" + server.port() + "/pic.png")
            .map(checked -> server))
        .onComplete(test.succeeding(server -> test.verify(() -> {
          assertThat(server.serverNames).isNotEmpty().containsOnly("media.example.test");
          assertThat(server.hostHeaders).containsOnly("media.example.test:" + server.port());
          test.completeNow();
        })));
  }

  private static void expectError(Future<?> check, int code, String messagePart, VertxTestContext test) {
    check.onComplete(test.failing(error -> test.verify(() -> {
      assertThat(error).isInstanceOf(ApiError.class);
      assertThat(((ApiError) error).code()).isEqualTo(code);
      assertThat(((ApiError) error).httpStatus()).isEqualTo(400);
      assertThat(error.getMessage()).contains(messagePart);
      test.completeNow();
    })));
  }
}
