package io.tern.outbound;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The IPv4 addresses an IPv6 address stands for. A connection to such an address ends at the
 * IPv4 address it carries (through the kernel's dual stack, a NAT64 gateway, a 6to4 or Teredo
 * relay), so the outbound rules judge those IPv4 addresses as well as the IPv6 one; otherwise
 * {@code [::ffff:0:a9fe:a9fe]} would reach the metadata service while 169.254.169.254 is refused.
 *
 * <p>Forms recognised: IPv4-mapped {@code ::ffff:0:0/96} (the JDK already returns these as IPv4),
 * IPv4-translated {@code ::ffff:0:0:0/96} (RFC 2765), IPv4-compatible {@code ::/96} (deprecated,
 * but still routed by some stacks), NAT64 {@code 64:ff9b::/96} (RFC 6052), local-use NAT64
 * {@code 64:ff9b:1::/48} (RFC 8215), 6to4 {@code 2002::/16} (RFC 3056) and Teredo
 * {@code 2001::/32} (RFC 4380: its server, and its client with the bits inverted).
 */
final class EmbeddedIpv4 {
  private static final Cidr TRANSLATED = Cidr.parse("::ffff:0:0:0/96");
  private static final Cidr COMPATIBLE = Cidr.parse("::/96");
  private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
  private static final Cidr LOCAL_NAT64 = Cidr.parse("64:ff9b:1::/48");
  private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");
  private static final Cidr TEREDO = Cidr.parse("2001::/32");

  private EmbeddedIpv4() {}

  /** The IPv4 addresses {@code address} carries; empty for IPv4 and plain IPv6 addresses. */
  static List<InetAddress> in(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return List.of();
    }
    byte[] b = address.getAddress();
    List<InetAddress> found = new ArrayList<>(2);
    if (TRANSLATED.contains(address) || NAT64.contains(address)) {
      found.add(ipv4(b[12], b[13], b[14], b[15]));
    } else if (COMPATIBLE.contains(address)) {
      // :: and ::1 are the unspecified and loopback addresses, judged as such, not as 0.0.0.x.
      if ((b[12] | b[13] | b[14]) != 0 || (b[15] & 0xFE) != 0) {
        found.add(ipv4(b[12], b[13], b[14], b[15]));
      }
    } else if (LOCAL_NAT64.contains(address)) {
      // The prefix inside the /48 is the operator's choice (RFC 6052 allows /48 to /96): the
      // /96 form has the address in the last 32 bits, the /48 form around the u octet (bits
      // 64-71). Both are judged; an all-zero reading means that position is unused.
      addUnlessZero(found, b[12], b[13], b[14], b[15]);
      addUnlessZero(found, b[6], b[7], b[9], b[10]);
    } else if (SIX_TO_FOUR.contains(address)) {
      found.add(ipv4(b[2], b[3], b[4], b[5]));
    } else if (TEREDO.contains(address)) {
      found.add(ipv4(b[4], b[5], b[6], b[7]));
      found.add(ipv4((byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15]));
    }
    return found;
  }

  private static InetAddress ipv4(byte a, byte b, byte c, byte d) {
    return IpLiteral.of(new byte[] {a, b, c, d});
  }

  private static void addUnlessZero(List<InetAddress> found, byte a, byte b, byte c, byte d) {
    if ((a | b | c | d) != 0) {
      found.add(ipv4(a, b, c, d));
    }
  }
}
