package io.hookline.schemas.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
            "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd00:ec2::254", "::ffff:127.0.0.1", "224.0.0.1"})
    void shouldRefuseNonPublicAddressesByDefault(String address) throws Exception {
        assertThat(AddressPolicy.strict().refusal(InetAddress.getByName(address))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "1.1.1.1", "2606:4700:4700::1111"})
    void shouldPermitPublicAddresses(String address) throws Exception {
        assertThat(AddressPolicy.strict().permits(InetAddress.getByName(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.5.5.5", "::ffff:127.0.0.1"})
    void shouldPermitWhatAnAllowedCidrCovers(String address) throws Exception {
        AddressPolicy policy = new AddressPolicy(List.of("127.0.0.0/8"));

        assertThat(policy.permits(InetAddress.getByName(address))).isTrue();
        assertThat(policy.permits(InetAddress.getByName("10.0.0.1"))).isFalse();
    }
}
