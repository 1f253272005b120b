package io.tern.outbound;

import static io.tern.outbound.CidrTest.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutboundRulesTest {
  private final OutboundRules defaults = OutboundRules.defaults();
  private final OutboundRules openAsPossible =
      new OutboundRules(true, List.of(), Cidr.parseAll(List.of("0.0.0.0/0", "::/0")));

  @Test
  void publicAddressesAreAllowed() {
    assertThat(defaults.refusal(ip("93.184.215.14"))).isEmpty();
    assertThat(defaults.refusal(ip("2606:2800:21f:cb07:6820:80da:af6b:8b2c"))).isEmpty();
  }

  @Test
  void metadataLinkLocalAndUnspecifiedAreRefusedWhateverTheConfiguration() {
    for (String address : List.of("169.254.169.254", "fd00:ec2::254", "100.100.100.200",
        "169.254.1.1", "fe80::1", "0.0.0.0", "::")) {
      assertThat(openAsPossible.refusal(ip(address))).as(address).isPresent();
    }
    assertThat(openAsPossible.refusal(ip("169.254.169.254"))).hasValueSatisfying(
        reason -> assertThat(reason).contains("metadata"));
  }

  @Test
  void loopbackIsRefusedUnlessAllowed() {
    assertThat(defaults.refusal(ip("127.0.0.1"))).hasValueSatisfying(reason -> assertThat(reason).contains("loopback"));
    assertThat(defaults.refusal(ip("127.8.9.10"))).isPresent();
    assertThat(defaults.refusal(ip("::1"))).isPresent();

    OutboundRules loopbackAllowed = new OutboundRules(true, defaults.deny(), List.of());
    assertThat(loopbackAllowed.refusal(ip("127.0.0.1"))).isEmpty();
    assertThat(loopbackAllowed.refusal(ip("::1"))).isEmpty();
  }

  @Test
  void anAllowBlockDoesNotReopenLoopback() {
    OutboundRules rules = new OutboundRules(false, List.of(), Cidr.parseAll(List.of("127.0.0.0/8")));

    assertThat(rules.refusal(ip("127.0.0.1"))).isPresent();
  }

  @Test
  void privateNetworksAreDeniedByDefault() {
    for (String address : List.of("10.1.2.3", "172.31.0.1", "192.168.1.1", "100.64.0.1", "fd12::1", "224.0.0.1")) {
      assertThat(defaults.refusal(ip(address))).as(address).isPresent();
    }
  }

  @Test
  void anAllowBlockInsideADeniedOneReallowsOnlyItself() {
    OutboundRules rules = OutboundRules.fromConfig(false, List.of("203.0.113.0/24"), List.of("10.1.0.0/16"));

    assertThat(rules.refusal(ip("10.1.2.3"))).isEmpty();
    assertThat(rules.refusal(ip("10.2.0.1"))).hasValueSatisfying(reason -> assertThat(reason).contains("10.0.0.0/8"));
    assertThat(rules.refusal(ip("203.0.113.9"))).isPresent();
  }

  @Test
  void ipv6AddressesCarryingAnIpv4AddressAreJudgedByItToo() {
    assertThat(defaults.refusal(ip("::ffff:169.254.169.254"))).isPresent();
    assertThat(defaults.refusal(ip("64:ff9b::a9fe:a9fe"))).isPresent(); // NAT64 of 169.254.169.254
    assertThat(defaults.refusal(ip("2002:0a00:0001::1"))).isPresent(); // 6to4 of 10.0.0.1
    assertThat(defaults.refusal(ip("::10.0.0.1"))).isPresent();
    assertThat(defaults.refusal(ip("64:ff9b::5db8:d70e"))).isEmpty(); // NAT64 of a public address
  }

  @Test
  void aRefusalNamesItsRuleAndTheSettingThatOpensIt() {
    assertThat(defaults.refusalOf(ip("127.0.0.1"))).hasValueSatisfying(refusal -> {
      assertThat(refusal.reason()).isEqualTo("127.0.0.1 is loopback");
      assertThat(refusal.explanation()).isEqualTo("its address is loopback; set outbound.allowLoopback"
          + " (TERN_OUTBOUND_ALLOW_LOOPBACK) to true to allow it");
    });
    assertThat(defaults.refusalOf(ip("10.1.2.3"))).hasValueSatisfying(refusal -> {
      assertThat(refusal.explanation()).doesNotContain("10.1.2.3")
          .isEqualTo("its address is in the denied block 10.0.0.0/8; add the block to outbound.allow"
              + " (TERN_OUTBOUND_ALLOW) to allow it");
    });
    assertThat(openAsPossible.refusalOf(ip("169.254.169.254"))).hasValueSatisfying(refusal ->
        assertThat(refusal.explanation()).isEqualTo("its address is a cloud metadata address; no setting opens it"));
  }
}
