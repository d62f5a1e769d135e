package io.hookline.schemas.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The address policy against IANA's IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and
 * the RFCs that added to them, as the registries stood in 2025), with each entry's "Globally
 * Reachable" column. Every block that is not globally reachable (False, or N/A for the deprecated
 * ones) must be refused, at its first and its last address. A globally reachable entry inside such
 * a block (the anycast and identifier prefixes of 192.0.0.0/24, 192.88.99.0/24 and 2001::/23) is
 * refused with it: none of them is a host that serves webhooks. The other globally reachable
 * entries must stay deliverable. The two IPv4-carrying prefixes are judged as the address they carry.
 * Pure computation: nothing here opens a connection.
 */
class SpecialPurposeRegistriesTest {

    enum Reachable { TRUE, FALSE, NOT_APPLICABLE }

    record Entry(String block, String name, Reachable globallyReachable) {

        @Override
        public String toString() {
            return block + " " + name + " (globally reachable: " + globallyReachable + ")";
        }
    }

    static final List<Entry> IPV4 = List.of(
            new Entry("0.0.0.0/8", "This network", Reachable.FALSE),
            new Entry("0.0.0.0/32", "This host on this network", Reachable.FALSE),
            new Entry("10.0.0.0/8", "Private-Use", Reachable.FALSE),
            new Entry("100.64.0.0/10", "Shared Address Space", Reachable.FALSE),
            new Entry("127.0.0.0/8", "Loopback", Reachable.FALSE),
            new Entry("169.254.0.0/16", "Link Local", Reachable.FALSE),
            new Entry("172.16.0.0/12", "Private-Use", Reachable.FALSE),
            new Entry("192.0.0.0/24", "IETF Protocol Assignments", Reachable.FALSE),
            new Entry("192.0.0.0/29", "IPv4 Service Continuity Prefix", Reachable.FALSE),
            new Entry("192.0.0.8/32", "IPv4 dummy address", Reachable.FALSE),
            new Entry("192.0.0.9/32", "Port Control Protocol Anycast", Reachable.TRUE),
            new Entry("192.0.0.10/32", "Traversal Using Relays around NAT Anycast", Reachable.TRUE),
            new Entry("192.0.0.170/32", "NAT64/DNS64 Discovery", Reachable.FALSE),
            new Entry("192.0.0.171/32", "NAT64/DNS64 Discovery", Reachable.FALSE),
            new Entry("192.0.2.0/24", "Documentation (TEST-NET-1)", Reachable.FALSE),
            new Entry("192.31.196.0/24", "AS112-v4", Reachable.TRUE),
            new Entry("192.52.193.0/24", "AMT", Reachable.TRUE),
            new Entry("192.88.99.0/24", "Deprecated (6to4 Relay Anycast)", Reachable.NOT_APPLICABLE),
            new Entry("192.88.99.2/32", "6a44-relay anycast address", Reachable.TRUE),
            new Entry("192.168.0.0/16", "Private-Use", Reachable.FALSE),
            new Entry("192.175.48.0/24", "Direct Delegation AS112 Service", Reachable.TRUE),
            new Entry("198.18.0.0/15", "Benchmarking", Reachable.FALSE),
            new Entry("198.51.100.0/24", "Documentation (TEST-NET-2)", Reachable.FALSE),
            new Entry("203.0.113.0/24", "Documentation (TEST-NET-3)", Reachable.FALSE),
            new Entry("240.0.0.0/4", "Reserved", Reachable.FALSE),
            new Entry("255.255.255.255/32", "Limited Broadcast", Reachable.FALSE));

    /** Without ::ffff:0:0/96 and 64:ff9b::/96: those carry an IPv4 address and are tested below. */
    static final List<Entry> IPV6 = List.of(
            new Entry("::1/128", "Loopback Address", Reachable.FALSE),
            new Entry("::/128", "Unspecified Address", Reachable.FALSE),
            new Entry("64:ff9b:1::/48", "IPv4-IPv6 Translat. (local-use)", Reachable.FALSE),
            new Entry("100::/64", "Discard-Only Address Block", Reachable.FALSE),
            new Entry("100:0:0:1::/64", "Dummy IPv6 Prefix", Reachable.FALSE),
            new Entry("2001::/23", "IETF Protocol Assignments", Reachable.FALSE),
            new Entry("2001::/32", "TEREDO", Reachable.NOT_APPLICABLE),
            new Entry("2001:1::1/128", "Port Control Protocol Anycast", Reachable.TRUE),
            new Entry("2001:1::2/128", "Traversal Using Relays around NAT Anycast", Reachable.TRUE),
            new Entry("2001:1::3/128", "DNS-SD Service Registration Protocol Anycast", Reachable.TRUE),
            new Entry("2001:2::/48", "Benchmarking", Reachable.FALSE),
            new Entry("2001:3::/32", "AMT", Reachable.TRUE),
            new Entry("2001:4:112::/48", "AS112-v6", Reachable.TRUE),
            new Entry("2001:10::/28", "Deprecated (previously ORCHID)", Reachable.NOT_APPLICABLE),
            new Entry("2001:20::/28", "ORCHIDv2", Reachable.TRUE),
            new Entry("2001:30::/28", "Drone Remote ID Protocol Entity Tags (DETs) Prefix", Reachable.TRUE),
            new Entry("2001:db8::/32", "Documentation", Reachable.FALSE),
            new Entry("2002::/16", "6to4", Reachable.NOT_APPLICABLE),
            new Entry("2620:4f:8000::/48", "Direct Delegation AS112 Service", Reachable.TRUE),
            new Entry("3fff::/20", "Documentation", Reachable.FALSE),
            new Entry("5f00::/16", "Segment Routing (SRv6) SIDs", Reachable.FALSE),
            new Entry("fc00::/7", "Unique-Local", Reachable.FALSE),
            new Entry("fe80::/10", "Link-Local Unicast", Reachable.FALSE));

    /** ::ffff:0:0/96 and 64:ff9b::/96, written out: Java's parser turns ::ffff:a.b.c.d into a plain IPv4 address. */
    private static final byte[] MAPPED = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};
    private static final byte[] WELL_KNOWN_NAT64 = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};

    private final AddressPolicy policy = AddressPolicy.strict();

    static Stream<Entry> entries() {
        return Stream.concat(IPV4.stream(), IPV6.stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void shouldRefuseEveryBlockThatIsNotGloballyReachable(Entry entry) throws Exception {
        // given a registry entry, when its first and last addresses are judged
        boolean refused = entry.globallyReachable() != Reachable.TRUE || insideARefusedEntry(entry);

        // then both are refused exactly when the registry says the block is not globally reachable
        for (InetAddress address : List.of(first(entry.block()), last(entry.block()))) {
            assertThat(policy.permits(address)).as("%s in %s", address.getHostAddress(), entry).isEqualTo(!refused);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.1", "10.1.2.3", "100.64.0.1", "127.0.0.1", "169.254.169.254", "172.16.0.1",
            "192.0.0.170", "192.0.2.1", "192.88.99.1", "192.168.1.1", "198.18.0.1", "240.0.0.1", "224.0.0.1"})
    void shouldJudgeIpv4CarriedInMappedAndWellKnownNat64AddressesAsThatAddress(String refusedIpv4) throws Exception {
        // given a refused IPv4 address, when it comes wrapped in the two IPv6 forms that stand for it
        byte[] v4 = InetAddress.getByName(refusedIpv4).getAddress();
        InetAddress mapped = InetAddress.getByAddress(withPrefix(MAPPED, v4));
        InetAddress nat64 = InetAddress.getByAddress(withPrefix(WELL_KNOWN_NAT64, v4));

        // then both are refused, and the refusal names the IPv4 address
        assertThat(policy.refusal(mapped)).hasValueSatisfying(r -> assertThat(r).startsWith(refusedIpv4 + " "));
        assertThat(policy.refusal(nat64)).hasValueSatisfying(r -> assertThat(r).startsWith(refusedIpv4 + " (carried in 64:ff9b:"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.1.1.1", "93.184.216.34", "192.31.196.1"})
    void shouldPermitAPublicIpv4AddressThroughWellKnownNat64(String publicIpv4) throws Exception {
        InetAddress nat64 = InetAddress.getByAddress(withPrefix(WELL_KNOWN_NAT64, InetAddress.getByName(publicIpv4).getAddress()));

        assertThat(policy.permits(nat64)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::a00:1", "::1.1.1.1", "::ffff:0:a00:1", "::ffff:0:101:101", "2002:a00:1::1", "2002:101:101::1",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2", "64:ff9b:1::101:101", "fec0::1", "feff:ffff::1", "ff02::1", "ff0e::1"})
    void shouldRefuseTransitionPrefixesWhoseDestinationWeCannotSee(String address) throws Exception {
        // IPv4-compatible, IPv4-translated, 6to4, Teredo, local-use NAT64, site-local and multicast: even
        // with a public IPv4 address inside, where the packet ends up depends on a relay or translator
        assertThat(policy.permits(InetAddress.getByName(address))).as(address).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0.0.1", "9.255.255.255", "11.0.0.0", "100.128.0.0", "192.88.98.255", "192.88.100.0",
            "223.255.255.255", "2001:200::1", "2003::1", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e"})
    void shouldPermitPublicAddressesRightBesideRefusedBlocks(String address) throws Exception {
        assertThat(policy.permits(InetAddress.getByName(address))).as(address).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::ffff:127.0.0.1", "64:ff9b::7f00:1"})
    void shouldLetAnAllowedIpv4CidrCoverItsIpv6Forms(String address) throws Exception {
        AddressPolicy allowingLoopback = new AddressPolicy(List.of("127.0.0.0/8"));

        assertThat(allowingLoopback.permits(InetAddress.getByName(address))).isTrue();
        assertThat(allowingLoopback.permits(InetAddress.getByName("64:ff9b::a00:1"))).isFalse();
    }

    private static boolean insideARefusedEntry(Entry entry) {
        return entries().filter(e -> e.globallyReachable() != Reachable.TRUE && !e.equals(entry))
                .anyMatch(e -> contains(e.block(), entry.block()));
    }

    private static boolean contains(String outer, String inner) {
        return bits(outer) == bits(inner) && prefix(outer) <= prefix(inner)
                && network(inner).shiftRight(bits(outer) - prefix(outer)).equals(network(outer).shiftRight(bits(outer) - prefix(outer)));
    }

    private static InetAddress first(String block) throws UnknownHostException {
        return address(network(block), bits(block));
    }

    private static InetAddress last(String block) throws UnknownHostException {
        int host = bits(block) - prefix(block);
        return address(network(block).or(BigInteger.ONE.shiftLeft(host).subtract(BigInteger.ONE)), bits(block));
    }

    private static BigInteger network(String block) {
        try {
            return new BigInteger(1, InetAddress.getByName(block.substring(0, block.indexOf('/'))).getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(block, e);
        }
    }

    private static int prefix(String block) {
        return Integer.parseInt(block.substring(block.indexOf('/') + 1));
    }

    private static int bits(String block) {
        return block.contains(":") ? 128 : 32;
    }

    private static InetAddress address(BigInteger value, int bits) throws UnknownHostException {
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[bits / 8];
        int copy = Math.min(raw.length, bytes.length);
        System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
        return InetAddress.getByAddress(bytes);
    }

    /** {@code prefix} (the first 12 bytes of an IPv6 address) followed by {@code v4}. */
    private static byte[] withPrefix(byte[] prefix, byte[] v4) {
        byte[] address = Arrays.copyOf(prefix, 16);
        System.arraycopy(v4, 0, address, 12, 4);
        return address;
    }
}
