package io.hookline.schemas.net;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses a webhook may be delivered to. Private, loopback, link-local, carrier-grade NAT,
 * multicast, reserved and cloud metadata addresses are refused unless a configured CIDR allows them
 * ({@code hookline.delivery.allowed-cidrs}). The gateway checks at creation; the deliverer checks
 * the address it actually connects to.
 */
public final class AddressPolicy {

    private static final List<Cidr> BLOCKED = List.of(
            Cidr.parse("0.0.0.0/8"), Cidr.parse("10.0.0.0/8"), Cidr.parse("100.64.0.0/10"),
            Cidr.parse("127.0.0.0/8"), Cidr.parse("169.254.0.0/16"), Cidr.parse("172.16.0.0/12"),
            Cidr.parse("192.0.0.0/24"), Cidr.parse("192.0.2.0/24"), Cidr.parse("192.168.0.0/16"),
            Cidr.parse("198.18.0.0/15"), Cidr.parse("198.51.100.0/24"), Cidr.parse("203.0.113.0/24"),
            Cidr.parse("224.0.0.0/4"), Cidr.parse("240.0.0.0/4"),
            Cidr.parse("::/128"), Cidr.parse("::1/128"), Cidr.parse("64:ff9b::/96"), Cidr.parse("100::/64"),
            Cidr.parse("2001:db8::/32"), Cidr.parse("fc00::/7"), Cidr.parse("fe80::/10"), Cidr.parse("ff00::/8"));

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
        InetAddress effective = unmapped(address);
        if (allowed.stream().anyMatch(c -> c.contains(effective))) {
            return Optional.empty();
        }
        for (Cidr cidr : BLOCKED) {
            if (cidr.contains(effective)) {
                return Optional.of(effective.getHostAddress() + " is in the non-public range " + cidr
                        + " (allow it with hookline.delivery.allowed-cidrs)");
            }
        }
        return Optional.empty();
    }

    public boolean permits(InetAddress address) {
        return refusal(address).isEmpty();
    }

    /** An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is judged as the IPv4 address it maps. */
    private static InetAddress unmapped(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            mapped &= b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            if (mapped) {
                try {
                    return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return address;
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
