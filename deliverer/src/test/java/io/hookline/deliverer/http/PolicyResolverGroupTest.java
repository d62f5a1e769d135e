package io.hookline.deliverer.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.schemas.net.AddressPolicy;
import io.netty.resolver.AddressResolver;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PolicyResolverGroupTest {

    private final DefaultEventExecutor executor = new DefaultEventExecutor();
    private final AtomicInteger lookups = new AtomicInteger();
    private final Map<String, List<String>> dns = Map.of(
            "public.example", List.of("93.184.216.34"),
            "mixed.example", List.of("93.184.216.34", "10.0.0.5"),
            "metadata.example", List.of("169.254.169.254"));

    private final HostLookup lookup = host -> {
        lookups.incrementAndGet();
        List<String> addresses = dns.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host + ": Name or service not known");
        }
        InetAddress[] resolved = new InetAddress[addresses.size()];
        for (int i = 0; i < resolved.length; i++) {
            resolved[i] = InetAddress.getByName(addresses.get(i)); // numeric: no lookup
        }
        return resolved;
    };

    @AfterEach
    void stopExecutor() {
        executor.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
    }

    private AddressResolver<InetSocketAddress> resolver(List<String> allowedCidrs) {
        return new PolicyResolverGroup(new AddressPolicy(allowedCidrs), lookup, Runnable::run).getResolver(executor);
    }

    @Test
    void shouldResolveAPublicNameOnceToTheAddressesItChecked() {
        // when
        Future<List<InetSocketAddress>> resolved = resolver(List.of())
                .resolveAll(InetSocketAddress.createUnresolved("public.example", 443)).awaitUninterruptibly();

        // then
        assertThat(resolved.isSuccess()).isTrue();
        assertThat(resolved.getNow()).singleElement().satisfies(address -> {
            assertThat(address.getAddress().getHostAddress()).isEqualTo("93.184.216.34");
            assertThat(address.getPort()).isEqualTo(443);
        });
        assertThat(lookups).hasValue(1);
    }

    @Test
    void shouldRefuseANameWhenAnyOfItsAddressesIsNonPublic() {
        // when
        Future<List<InetSocketAddress>> resolved = resolver(List.of())
                .resolveAll(InetSocketAddress.createUnresolved("mixed.example", 443)).awaitUninterruptibly();

        // then
        assertThat(resolved.cause()).isInstanceOf(AddressRefusedException.class)
                .hasMessageStartingWith("address 10.0.0.5 is in the non-public range 10.0.0.0/8")
                .hasMessageContaining("mixed.example");
    }

    @Test
    void shouldRefuseTheCloudMetadataAddress() {
        // when
        Future<InetSocketAddress> resolved = resolver(List.of())
                .resolve(InetSocketAddress.createUnresolved("metadata.example", 80)).awaitUninterruptibly();

        // then
        assertThat(resolved.cause()).isInstanceOf(AddressRefusedException.class)
                .hasMessageStartingWith("address 169.254.169.254 is in the non-public range 169.254.0.0/16");
    }

    @Test
    void shouldAllowANonPublicAddressInAnAllowedRange() {
        // when
        Future<List<InetSocketAddress>> resolved = resolver(List.of("10.0.0.0/8"))
                .resolveAll(InetSocketAddress.createUnresolved("mixed.example", 443)).awaitUninterruptibly();

        // then
        assertThat(resolved.isSuccess()).isTrue();
        assertThat(resolved.getNow()).hasSize(2);
    }

    @Test
    void shouldReportAnUnknownNameByItsName() {
        // when
        Future<List<InetSocketAddress>> resolved = resolver(List.of())
                .resolveAll(InetSocketAddress.createUnresolved("nowhere.example", 443)).awaitUninterruptibly();

        // then
        assertThat(resolved.cause()).isInstanceOf(UnknownHostException.class).hasMessage("nowhere.example");
    }
}
