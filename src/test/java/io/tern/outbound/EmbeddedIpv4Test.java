package io.tern.outbound;

import static io.tern.outbound.CidrTest.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every IPv6 form that carries an IPv4 address is judged by that address: the table gives the
 * form, the IPv4 address it stands for, and what the default rules (loopback refused) say. No
 * connection is opened; the rules judge addresses only.
 */
class EmbeddedIpv4Test {
  private final OutboundRules defaults = OutboundRules.defaults();

  @ParameterizedTest(name = "{0} carries {1}")
  @CsvSource(delimiter = '|', value = {
      // IPv4-mapped (the JDK hands these back as IPv4 already)
      "::ffff:169.254.169.254 | 169.254.169.254 | a cloud metadata address",
      "::ffff:7f00:1          | 127.0.0.1       | loopback",
      // IPv4-translated, RFC 2765
      "::ffff:0:a9fe:a9fe     | 169.254.169.254 | a cloud metadata address",
      "::ffff:0:7f00:1        | 127.0.0.1       | loopback",
      "::ffff:0:a01:203       | 10.1.2.3        | in the denied block 10.0.0.0/8",
      // IPv4-compatible, deprecated
      "::10.0.0.1             | 10.0.0.1        | in the denied block 10.0.0.0/8",
      "::127.0.0.1            | 127.0.0.1       | loopback",
      // NAT64 well-known prefix, RFC 6052
      "64:ff9b::a9fe:a9fe     | 169.254.169.254 | a cloud metadata address",
      "64:ff9b::c0a8:101      | 192.168.1.1     | in the denied block 192.168.0.0/16",
      // local-use NAT64, RFC 8215: the /96 form and the /48 form
      "64:ff9b:1::a9fe:a9fe   | 169.254.169.254 | a cloud metadata address",
      "64:ff9b:1:7f00:0:100:: | 127.0.0.1       | loopback",
      // 6to4, RFC 3056
      "2002:a9fe:a9fe::1      | 169.254.169.254 | a cloud metadata address",
      "2002:0a00:0001::1      | 10.0.0.1        | in the denied block 10.0.0.0/8",
      // Teredo, RFC 4380: the client address is stored inverted (ffff-xor)
      "2001:0:5db8:d70e:0:0:5601:56fe | 169.254.169.1 | link-local",
      "2001:0:5db8:d70e:0:0:80ff:fffe | 127.0.0.1     | loopback",
      "2001:0:5db8:d70e:0:0:f5ff:fffe | 10.0.0.1      | in the denied block 10.0.0.0/8"})
  void theCarriedIpv4AddressDecides(String ipv6, String ipv4, String rule) {
    InetAddress address = ip(ipv6);

    assertThat(judgedAs(address)).as("IPv4 addresses carried by %s", ipv6).contains(ipv4);
    assertThat(defaults.refusalOf(address)).as(ipv6)
        .hasValueSatisfying(refusal -> assertThat(refusal.rule()).isEqualTo(rule));
  }

  @ParameterizedTest(name = "{0} carries {1}")
  @CsvSource(delimiter = '|', value = {
      "::ffff:0:5db8:d70e         | 93.184.215.14",
      "64:ff9b::5db8:d70e         | 93.184.215.14",
      "64:ff9b:1::5db8:d70e       | 93.184.215.14",
      "2002:5db8:d70e::1          | 93.184.215.14",
      "2001:0:5db8:d70e:0:0:a247:28f1 | 93.184.215.14"})
  void aPublicCarriedAddressIsAllowed(String ipv6, String ipv4) {
    InetAddress address = ip(ipv6);

    assertThat(judgedAs(address)).contains(ipv4);
    assertThat(defaults.refusalOf(address)).as(ipv6).isEmpty();
  }

  /**
   * The IPv4 addresses the rules see: an IPv4-mapped (and, by Netty's parser, IPv4-compatible)
   * literal already is one; other forms carry theirs.
   */
  private static List<String> judgedAs(InetAddress address) {
    List<InetAddress> ipv4 = address instanceof Inet4Address ? List.of(address) : EmbeddedIpv4.in(address);
    return ipv4.stream().map(InetAddress::getHostAddress).toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"::1", "::", "2606:2800:21f:cb07:6820:80da:af6b:8b2c", "2001:db8::1", "fe80::1"})
  void plainIpv6AddressesCarryNone(String ipv6) {
    assertThat(EmbeddedIpv4.in(ip(ipv6))).isEqualTo(List.of());
  }
}
