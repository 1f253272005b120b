package io.tern.outbound;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** Turns IP address text or bytes into an {@link InetAddress} without ever asking DNS. */
final class IpLiteral {
  private IpLiteral() {}

  /**
   * The address written in {@code text} ("10.0.0.1", "fd00::1", or "[fe80::1]" as URIs write
   * IPv6 hosts), or empty when the text is a name rather than an address. {@code
   * InetAddress.getByName} would also parse literals, but it falls back to a blocking DNS lookup
   * for anything else.
   */
  static Optional<InetAddress> parse(String text) {
    String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(bare);
    return bytes == null ? Optional.empty() : Optional.of(of(bytes));
  }

  /** 4 or 16 bytes as an address; an IPv4-mapped IPv6 address comes back as IPv4. */
  static InetAddress of(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length, e);
    }
  }
}
