package io.tern.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.dns.AddressResolverOptions;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class OutboundGuardTest {
  private static final OutboundRules LOOPBACK_OFF = OutboundRules.defaults();
  private static final OutboundRules LOOPBACK_ON = new OutboundRules(true, LOOPBACK_OFF.deny(), List.of());

  private Vertx resolving;

  @Test
  void refusesTheCloudMetadataAddressEvenWhenAllowed(Vertx vertx, VertxTestContext test) {
    OutboundRules allowingIt = new OutboundRules(true, List.of(), Cidr.parseAll(List.of("169.254.0.0/16")));

    expectRefused(new OutboundGuard(vertx, allowingIt).check("http://169.254.169.254/latest/meta-data/"),
        "metadata", test);
  }

  @Test
  void refusesLinkLocalIpv6(Vertx vertx, VertxTestContext test) {
    expectRefused(new OutboundGuard(vertx, LOOPBACK_ON).check("http://[fe80::1]:8080/a.png"), "link-local", test);
  }

  @Test
  void refusesLoopbackWhenNotAllowed(Vertx vertx, VertxTestContext test) {
    expectRefused(new OutboundGuard(vertx, LOOPBACK_OFF).check("http://127.0.0.1:8080/a.png"), "loopback", test);
  }

  @Test
  void acceptsLoopbackWhenAllowed(Vertx vertx, VertxTestContext test) {
    new OutboundGuard(vertx, LOOPBACK_ON).check("http://127.0.0.1:8080/a.png")
        .onComplete(test.succeeding(address -> test.verify(() -> {
          assertThat(address.getHostAddress()).isEqualTo("127.0.0.1");
          test.completeNow();
        })));
  }

  @Test
  void refusesTheUnspecifiedAddressEvenWithLoopbackAllowed(Vertx vertx, VertxTestContext test) {
    expectRefused(new OutboundGuard(vertx, LOOPBACK_ON).check("http://0.0.0.0:8080/"), "unspecified", test);
  }

  @Test
  void aDenyBlockRefusesAndAnAllowBlockInsideItReallows(Vertx vertx, VertxTestContext test) {
    OutboundGuard guard = new OutboundGuard(vertx,
        OutboundRules.fromConfig(false, List.of("198.51.100.0/24"), List.of("198.51.100.16/28")));

    guard.check("https://198.51.100.7/media.png").onComplete(test.failing(denied -> test.verify(() -> {
      assertThat(denied).isInstanceOf(OutboundRefusedException.class);
      assertThat(((OutboundRefusedException) denied).reason()).contains("198.51.100.0/24");
      guard.check("https://198.51.100.20/media.png").onComplete(test.succeeding(allowed -> test.verify(() -> {
        assertThat(allowed.getHostAddress()).isEqualTo("198.51.100.20");
        test.completeNow();
      })));
    })));
  }

  @Test
  void aHostNameIsJudgedByTheAddressItResolvesTo(Vertx vertx, VertxTestContext test) {
    expectRefused(new OutboundGuard(vertx, LOOPBACK_OFF).check("http://localhost:8080/a.png"), "loopback", test);
  }

  @Test
  void aHostNameResolvingToAnAllowedAddressGivesThatAddress(Vertx vertx, VertxTestContext test) {
    new OutboundGuard(vertx, LOOPBACK_ON).check(URI.create("http://localhost:8080/a.png"))
        .onComplete(test.succeeding(address -> test.verify(() -> {
          assertThat(address.isLoopbackAddress()).isTrue();
          test.completeNow();
        })));
  }

  @Test
  void aPublicLookingNameThatResolvesToAPrivateAddressIsRefused(VertxTestContext test) {
    Vertx vertx = vertxResolving("10.0.0.5 media.example.test\n");

    expectRefused(new OutboundGuard(vertx, LOOPBACK_OFF).check("https://media.example.test/a.png"), "10.0.0.0/8", test);
  }

  @Test
  void aNameIsRefusedWhenAnyOfItsAddressesIsRefused(Vertx vertx, VertxTestContext test) {
    // A hosts file gives one address per name, so the resolved list is handed over directly.
    List<InetAddress> resolved = List.of(CidrTest.ip("93.184.215.14"), CidrTest.ip("10.0.0.5"));

    expectRefused(new OutboundGuard(vertx, LOOPBACK_OFF).approve("https://mixed.example.test/a.png", resolved),
        "10.0.0.5", test);
  }

  @Test
  void refusesSchemesOtherThanHttpAndHttps(Vertx vertx, VertxTestContext test) {
    expectRefused(new OutboundGuard(vertx, LOOPBACK_ON).check("ftp://example.com/a.png"), "http", test);
  }

  @Test
  void refusesAUrlWithoutAHost(Vertx vertx, VertxTestContext test) {
    expectRefused(new OutboundGuard(vertx, LOOPBACK_ON).check("http:///a.png"), "no host", test);
  }

  @Test
  void aPortOutsideOneTo65535IsRefusedRatherThanThrownAtConnectTime(Vertx vertx, VertxTestContext test) {
    expectRefused(new OutboundGuard(vertx, LOOPBACK_ON).check("http://127.0.0.1:99999/x"), "port", test);
  }

  @Test
  void ipv6FormsCarryingLoopbackOrTheMetadataAddressAreRefused(Vertx vertx, VertxTestContext test) {
    OutboundGuard guard = new OutboundGuard(vertx, LOOPBACK_OFF);
    // Only checked, never connected to.
    guard.check("http://[::ffff:0:7f00:1]:8080/").onComplete(test.failing(loopback -> test.verify(() -> {
      assertThat(((OutboundRefusedException) loopback).reason()).endsWith("is loopback");
      guard.check("http://[64:ff9b:1::a9fe:a9fe]/").onComplete(test.failing(metadata -> test.verify(() -> {
        assertThat(((OutboundRefusedException) metadata).reason()).contains("metadata");
        test.completeNow();
      })));
    })));
  }

  @Test
  void screeningARefusedUrlExplainsTheRuleAndTheSettingWithoutTheAddress(VertxTestContext test) {
    Vertx vertx = vertxResolving("10.0.0.5 hooks.example.test\n");

    new OutboundGuard(vertx, LOOPBACK_OFF).screen("https://hooks.example.test/status")
        .onComplete(test.succeeding(refused -> test.verify(() -> {
          assertThat(refused).isPresent();
          assertThat(refused.get().explanation())
              .isEqualTo("its address is in the denied block 10.0.0.0/8; add the block to"
                  + " outbound.allow (TERN_OUTBOUND_ALLOW) to allow it")
              .doesNotContain("10.0.0.5");
          test.completeNow();
        })));
  }

  @Test
  void screeningLetsAHostThatDoesNotResolveThrough(VertxTestContext test) {
    // Nothing resolves: the receiver may not exist yet, and every post checks again.
    Vertx vertx = vertxResolving("");

    new OutboundGuard(vertx, LOOPBACK_OFF).screen("https://not-yet.example.test/status")
        .onComplete(test.succeeding(refused -> test.verify(() -> {
          assertThat(refused).isEmpty();
          test.completeNow();
        })));
  }

  @Test
  void pinnedRequestsConnectToTheCheckedAddressButNameTheOriginalHost() throws Exception {
    var options = OutboundGuard.pinned(URI.create("https://media.example.com/a/b.png?x=1"),
        InetAddress.getByAddress(new byte[] {93, (byte) 184, (byte) 215, 14}));

    assertThat(options.getServer().toString()).contains("93.184.215.14").contains("443");
    assertThat(options.getHost()).isEqualTo("media.example.com");
    assertThat(options.getPort()).isEqualTo(443);
    assertThat(options.isSsl()).isTrue();
    assertThat(options.getURI()).isEqualTo("/a/b.png?x=1");
  }

  /**
   * A Vert.x whose resolver answers from these hosts-file lines, as a DNS server could, and asks
   * no DNS server but one on loopback that is not there.
   */
  private Vertx vertxResolving(String hostsLines) {
    resolving = Vertx.vertx(new VertxOptions().setAddressResolverOptions(
        new AddressResolverOptions().setHostsValue(Buffer.buffer(hostsLines))
            .setServers(List.of("127.0.0.1:9")).setQueryTimeout(200).setMaxQueries(1)));
    return resolving;
  }

  @AfterEach
  void closeResolvingVertx() throws Exception {
    if (resolving != null) {
      resolving.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static void expectRefused(Future<InetAddress> check, String reasonPart, VertxTestContext test) {
    check.onComplete(test.failing(error -> test.verify(() -> {
      assertThat(error).isInstanceOf(OutboundRefusedException.class);
      assertThat(((OutboundRefusedException) error).reason()).contains(reasonPart);
      test.completeNow();
    })));
  }
}
