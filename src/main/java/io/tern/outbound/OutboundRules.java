package io.tern.outbound;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which addresses Tern may open a connection to on behalf of a client (MediaUrl fetches, status
 * callbacks). A client who can make Tern fetch a URL could otherwise reach what only Tern can
 * reach: the cloud metadata service (which hands out credentials), the database, the cluster's
 * internal services.
 *
 * <p>Three kinds of address are refused whatever the configuration says: cloud metadata
 * addresses, link-local addresses and the unspecified address (0.0.0.0/8, ::, which Linux
 * connects to the local host). Loopback is refused unless {@code allowLoopback} (tests and
 * single-machine set-ups serve media from 127.0.0.1). Every other address is refused when it is
 * in a {@code deny} block and not in an {@code allow} block; {@code allow} only punches holes in
 * {@code deny}, it cannot re-open the fixed refusals or loopback.
 */
public record OutboundRules(boolean allowLoopback, List<Cidr> deny, List<Cidr> allow) {

  /**
   * Networks that are not the public internet: RFC 1918 private, carrier-grade NAT, IETF protocol
   * assignments, benchmarking, multicast, reserved and broadcast, IPv6 unique-local, site-local
   * and multicast.
   */
  public static final List<String> DEFAULT_DENY = List.of(
      "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "192.0.0.0/24",
      "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
      "fc00::/7", "fec0::/10", "ff00::/8");

  private static final List<Cidr> METADATA = Cidr.parseAll(List.of(
      "169.254.169.254", // AWS, GCP, Azure, Oracle, DigitalOcean
      "fd00:ec2::254", // AWS over IPv6
      "100.100.100.200")); // Alibaba Cloud
  private static final List<Cidr> LINK_LOCAL = Cidr.parseAll(List.of("169.254.0.0/16", "fe80::/10"));
  private static final List<Cidr> UNSPECIFIED = Cidr.parseAll(List.of("0.0.0.0/8", "::/128"));
  private static final List<Cidr> LOOPBACK = Cidr.parseAll(List.of("127.0.0.0/8", "::1/128"));

  public OutboundRules {
    deny = List.copyOf(deny);
    allow = List.copyOf(allow);
  }

  /** Loopback refused, {@link #DEFAULT_DENY} denied, nothing re-allowed. */
  public static OutboundRules defaults() {
    return new OutboundRules(false, Cidr.parseAll(DEFAULT_DENY), List.of());
  }

  /**
   * The rules as configuration states them: {@code extraDeny} ("outbound.deny") is added to
   * {@link #DEFAULT_DENY} rather than replacing it, so a short list in a configuration file cannot
   * silently open the private networks; {@code allow} ("outbound.allow") re-allows blocks inside
   * them.
   */
  public static OutboundRules fromConfig(boolean allowLoopback, List<String> extraDeny, List<String> allow) {
    List<Cidr> deny = new ArrayList<>(Cidr.parseAll(DEFAULT_DENY));
    deny.addAll(Cidr.parseAll(extraDeny));
    return new OutboundRules(allowLoopback, deny, Cidr.parseAll(allow));
  }

  /**
   * Why Tern must not connect to {@code address}, or empty when it may. An IPv6 address that
   * carries an IPv4 address ({@link EmbeddedIpv4}: mapped, translated, compatible, NAT64, 6to4,
   * Teredo) is judged as each of them too, since a NAT64 gateway turns 64:ff9b::a9fe:a9fe into
   * a connection to 169.254.169.254.
   */
  public Optional<String> refusal(InetAddress address) {
    return refusalOf(address).map(Refusal::reason);
  }

  /** As {@link #refusal}, with the rule and the setting that would open the address. */
  public Optional<Refusal> refusalOf(InetAddress address) {
    return Stream.concat(Stream.of(address), EmbeddedIpv4.in(address).stream())
        .map(this::judge)
        .flatMap(Optional::stream)
        .findFirst();
  }

  private Optional<Refusal> judge(InetAddress address) {
    String shown = address.getHostAddress();
    if (inAny(METADATA, address)) {
      return Optional.of(new Refusal(shown, "a cloud metadata address", Optional.empty()));
    }
    if (inAny(LINK_LOCAL, address)) {
      return Optional.of(new Refusal(shown, "link-local", Optional.empty()));
    }
    if (inAny(UNSPECIFIED, address)) {
      return Optional.of(new Refusal(shown, "the unspecified address", Optional.empty()));
    }
    if (inAny(LOOPBACK, address)) {
      return allowLoopback ? Optional.empty() : Optional.of(new Refusal(shown, "loopback",
          Optional.of("set outbound.allowLoopback (TERN_OUTBOUND_ALLOW_LOOPBACK) to true to allow it")));
    }
    return deny.stream()
        .filter(block -> block.contains(address))
        .findFirst()
        .filter(block -> !inAny(allow, address))
        .map(block -> new Refusal(shown, "in the denied block " + block, Optional.of(
            "add the block to outbound.allow (TERN_OUTBOUND_ALLOW) to allow it")));
  }

  private static boolean inAny(List<Cidr> blocks, InetAddress address) {
    return blocks.stream().anyMatch(block -> block.contains(address));
  }
}
