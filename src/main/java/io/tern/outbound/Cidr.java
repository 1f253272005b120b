package io.tern.outbound;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/**
 * A block of IP addresses written as "10.0.0.0/8" or "fd00::/8"; a bare address is a block of one.
 * Bits beyond the prefix are cleared, so "10.1.2.3/8" means 10.0.0.0/8.
 */
public record Cidr(InetAddress network, int prefixLength) {

  public Cidr {
    int bits = network.getAddress().length * 8;
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException(
          "prefix length " + prefixLength + " is outside 0.." + bits + " for " + network.getHostAddress());
    }
    network = IpLiteral.of(masked(network.getAddress(), prefixLength));
  }

  /** Parses "address/prefix" or a bare address; host names are refused, never looked up. */
  public static Cidr parse(String text) {
    String trimmed = text.strip();
    int slash = trimmed.indexOf('/');
    String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
    InetAddress network = IpLiteral.parse(address)
        .orElseThrow(() -> new IllegalArgumentException("not an IP address block: " + text));
    if (slash < 0) {
      return new Cidr(network, network.getAddress().length * 8);
    }
    try {
      return new Cidr(network, Integer.parseInt(trimmed.substring(slash + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an IP address block: " + text, e);
    }
  }

  public static List<Cidr> parseAll(List<String> texts) {
    return texts.stream().map(Cidr::parse).toList();
  }

  /** An IPv4 block never contains an IPv6 address and vice versa. */
  public boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    byte[] own = network.getAddress();
    return candidate.length == own.length && Arrays.equals(masked(candidate, prefixLength), own);
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefixLength;
  }

  private static byte[] masked(byte[] address, int prefixLength) {
    byte[] out = address.clone();
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
      out[i] = (byte) (out[i] & (0xFF << (8 - keep)));
    }
    return out;
  }
}
