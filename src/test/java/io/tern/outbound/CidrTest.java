package io.tern.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrTest {

  @Test
  void anIpv4BlockContainsTheAddressesUnderItsPrefix() {
    Cidr block = Cidr.parse("10.0.0.0/8");

    assertThat(block.contains(ip("10.255.1.2"))).isTrue();
    assertThat(block.contains(ip("11.0.0.1"))).isFalse();
  }

  @Test
  void anIpv6BlockContainsTheAddressesUnderItsPrefix() {
    Cidr block = Cidr.parse("fd00::/8");

    assertThat(block.contains(ip("fd12:3456::1"))).isTrue();
    assertThat(block.contains(ip("fe80::1"))).isFalse();
  }

  @Test
  void aBareAddressIsABlockOfOne() {
    Cidr block = Cidr.parse("169.254.169.254");

    assertThat(block.prefixLength()).isEqualTo(32);
    assertThat(block.contains(ip("169.254.169.254"))).isTrue();
    assertThat(block.contains(ip("169.254.169.253"))).isFalse();
  }

  @Test
  void bitsBeyondThePrefixAreCleared() {
    assertThat(Cidr.parse("172.16.99.1/12")).isEqualTo(Cidr.parse("172.16.0.0/12"));
    assertThat(Cidr.parse("172.16.99.1/12").toString()).isEqualTo("172.16.0.0/12");
  }

  @Test
  void aPrefixThatIsNotAMultipleOfEightSplitsAByte() {
    Cidr block = Cidr.parse("100.64.0.0/10");

    assertThat(block.contains(ip("100.127.255.255"))).isTrue();
    assertThat(block.contains(ip("100.128.0.0"))).isFalse();
  }

  @Test
  void ipv4AndIpv6NeverContainEachOther() {
    assertThat(Cidr.parse("0.0.0.0/0").contains(ip("::1"))).isFalse();
    assertThat(Cidr.parse("::/0").contains(ip("127.0.0.1"))).isFalse();
  }

  @Test
  void refusesWhatIsNotABlock() {
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cidr.parse("example.com/8")).isInstanceOf(IllegalArgumentException.class);
  }

  static InetAddress ip(String literal) {
    return IpLiteral.parse(literal).orElseThrow();
  }
}
