package io.hookline.deliverer.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.deliverer.DeliveryProperties;
import io.hookline.kafka.DeliveryUrlPolicy;
import io.hookline.deliverer.delivery.DeliveryOutcome;
import io.hookline.deliverer.request.OutboundRequest;
import io.hookline.testsupport.TestReceiver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TLS trust and hostname verification against the real self-signed test receiver (no Kafka needed). */
class HttpSenderTlsIT {

    private static TestReceiver receiver;

    /** "elsewhere.example" points at the receiver, whose certificate does not name it. */
    private static final HostLookup LOOKUP = host -> switch (host) {
        case "localhost", "elsewhere.example" -> new InetAddress[] {InetAddress.getByName("127.0.0.1")};
        default -> throw new UnknownHostException(host);
    };

    @BeforeAll
    static void start() {
        receiver = TestReceiver.https();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    private static DeliveryOutcome send(Path extraCaCerts, String url) throws Exception {
        try (HttpSender sender = new HttpSender(new DeliveryProperties(Duration.ofSeconds(5),
                extraCaCerts, null, 8, 2, 100, 0.5, null, 1000, null), new DeliveryUrlPolicy(false, List.of("127.0.0.0/8")), LOOKUP)) {
            return sender.send(new OutboundRequest(url, Map.of("Content-Type", "application/json"), "{}"))
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldTrustAReceiverSignedByTheExtraCaCertificates() throws Exception {
        // when
        DeliveryOutcome outcome = send(receiver.caCertificatePem(), receiver.url("/trusted"));

        // then
        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Responded.class,
                responded -> assertThat(responded.status()).isEqualTo(200));
    }

    @Test
    void shouldRefuseACertificateNoTrustedAuthoritySigned() throws Exception {
        // when
        DeliveryOutcome outcome = send(null, receiver.url("/untrusted"));

        // then
        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Unreachable.class,
                unreachable -> assertThat(unreachable.error()).startsWith("TLS handshake failed: "));
        assertThat(receiver.requests("/untrusted")).isEmpty();
    }

    @Test
    void shouldRefuseACertificateForAnotherHostName() throws Exception {
        // given the name on the certificate works
        assertThat(send(receiver.caCertificatePem(), "https://localhost:" + receiver.port() + "/named"))
                .isInstanceOf(DeliveryOutcome.Responded.class);

        // when
        DeliveryOutcome outcome = send(receiver.caCertificatePem(), "https://elsewhere.example:" + receiver.port() + "/mismatch");

        // then
        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Unreachable.class,
                unreachable -> assertThat(unreachable.error()).startsWith("TLS handshake failed: ")
                        .containsIgnoringCase("elsewhere.example"));
        assertThat(receiver.requests("/mismatch")).isEmpty();
    }
}
