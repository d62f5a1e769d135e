package io.hookline.schemas.net;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which addresses a webhook may be delivered to. Private, loopback, link-local, carrier-grade NAT,
 * multicast, reserved, documentation, transition-mechanism and cloud metadata addresses are refused
 * unless a configured CIDR allows them ({@code hookline.delivery.allowed-cidrs}). The gateway checks
 * at creation; the deliverer checks the address it actually connects to.
 *
 * <p>The list covers every block of IANA's IPv4 and IPv6 special-purpose address registries that is
 * not globally reachable (AddressPolicyTest holds the registries as data). Two IPv6 forms carry an
 * IPv4 address and are judged as that address, allowed CIDRs included: IPv4-mapped
 * {@code ::ffff:a.b.c.d} and the well-known NAT64 prefix {@code 64:ff9b::/96}, which a NAT64 gateway
 * turns into a connection to the embedded IPv4 address. Other forms that embed or tunnel to an IPv4
 * address (IPv4-compatible, IPv4-translated, 6to4, Teredo, local-use NAT64) are refused whole: where
 * they lead depends on relays we cannot see.
 */
public final class AddressPolicy {

    private static final List<Cidr> BLOCKED = Stream.of(
            // IPv4 (RFC 6890 and its updates)
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
            "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            // IPv6: loopback and unspecified first, so that their refusal names them
            "::1/128", "::/128",
            "::/96", // IPv4-compatible (deprecated, RFC 4291)
            "::ffff:0:0:0/96", // IPv4-translated (RFC 2765)
            "64:ff9b:1::/48", // local-use NAT64 (RFC 8215): translates into the operator's own network
            "100::/64", "100:0:0:1::/64", // discard-only, dummy prefix
            "2001::/23", // IETF protocol assignments, Teredo 2001::/32 and benchmarking 2001:2::/48 among them
            "2001:db8::/32", "3fff::/20", // documentation
            "2002::/16", // 6to4
            "5f00::/16", // SRv6 SIDs
            "fc00::/7", "fe80::/10",
            "fec0::/10", // site-local (deprecated, RFC 3879)
            "ff00::/8")
            .map(Cidr::parse).toList();
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");

    private final List<Cidr> allowed;

    public AddressPolicy(List<String> allowedCidrs) {
        this.allowed = allowedCidrs.stream().map(String::trim).filter(s -> !s.isEmpty()).map(Cidr::parse).toList();
    }

    /** The default: every private and special range refused. */
    public static AddressPolicy strict() {
        return new AddressPolicy(List.of());
    }

    /** Why this address is refused, or empty when it may be connected to. */
    public Optional<String> refusal(InetAddress address) {
        InetAddress effective = embeddedIpv4(address).orElse(address);
        if (allowed.stream().anyMatch(c -> c.contains(effective))) {
            return Optional.empty();
        }
        for (Cidr cidr : BLOCKED) {
            if (cidr.contains(effective)) {
                String carried = effective == address ? "" : " (carried in " + address.getHostAddress() + ")";
                return Optional.of(effective.getHostAddress() + carried + " is in the non-public range " + cidr
                        + " (allow it with hookline.delivery.allowed-cidrs)");
            }
        }
        return Optional.empty();
    }

    public boolean permits(InetAddress address) {
        return refusal(address).isEmpty();
    }

    /** The IPv4 address an IPv4-mapped ({@code ::ffff:a.b.c.d}) or well-known NAT64 address stands for. */
    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= b[i] == 0;
        }
        mapped &= b[10] == (byte) 0xff && b[11] == (byte) 0xff;
        if (!mapped && !NAT64.contains(address)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CIDR block such as {@code 10.0.0.0/8} or {@code fc00::/7}. */
    record Cidr(byte[] network, int prefix, String text) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            String host = slash < 0 ? text : text.substring(0, slash);
            if (!host.matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException("Not a CIDR (numeric address expected): " + text);
            }
            try {
                byte[] network = InetAddress.getByName(host).getAddress();
                int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(text.substring(slash + 1));
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("Bad prefix length in CIDR: " + text);
                }
                return new Cidr(network, prefix, text);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("Not a CIDR: " + text, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int bits = network.length * 8;
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .shiftRight(prefix).not().and(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
            return new BigInteger(1, candidate).and(mask).equals(new BigInteger(1, network).and(mask));
        }

        @Override
        public String toString() {
            return text;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Cidr c && c.text.equals(text);
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }
    }

}
