package io.hookline.gateway;

import static io.hookline.gateway.Envelopes.failure;
import static io.hookline.gateway.Envelopes.success;

import io.hookline.embedded.EmbeddedKafka;
import io.hookline.testsupport.TestFiles;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Gateways whose Kafka is gone: they answer 503 with Retry-After in the envelope, and report it in health. */
class KafkaUnavailableIT {

    private static final Map<String, Object> EVENT = Map.of("type", "user.created", "data",
            Map.of("user", Map.of("id", "u1", "email", "a@example.com", "name", "A", "role", "member")));
    /** Short waits so that the test does not sit out the production timeouts. */
    private static final Map<String, String> SHORT_TIMEOUTS = Map.of(
            "hookline.kafka.properties.max.block.ms", "1000",
            "hookline.kafka.properties.request.timeout.ms", "1000",
            "hookline.kafka.properties.delivery.timeout.ms", "3000",
            "hookline.gateway.write-timeout", "2s");

    @Test
    void shouldAnswer503WhenTheBrokerGoesAwayAfterStartup() {
        // given: a gateway on a broker of its own, working
        Path dir = GatewayTestApp.tempDir();
        EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        Map<String, String> props = new java.util.HashMap<>(SHORT_TIMEOUTS);
        props.put("hookline.kafka.bootstrap-servers", broker.bootstrapServers());
        props.put("hookline.gateway.bootstrap.enabled", "true");
        props.put("hookline.gateway.bootstrap.owner-key-file", dir.resolve("owner.key").toString());
        boolean stopped = false;
        try (GatewayTestApp app = GatewayTestApp.start(props, dir)) {
            WebTestClient client = app.client();
            String key = app.ownerKey();
            success(postEvent(client, key), 202);

            // when
            broker.close();
            stopped = true;

            // then
            failure(postEvent(client, key), 503, "kafka_unavailable");
            postEvent(client, key).expectStatus().isEqualTo(503).expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5");
        } finally {
            if (!stopped) {
                broker.close();
            }
            TestFiles.deleteRecursively(dir);
        }
    }

    @Test
    void shouldStartWithoutKafkaAndAnswer503() throws IOException {
        // given
        Map<String, String> props = new java.util.HashMap<>(SHORT_TIMEOUTS);
        props.put("hookline.kafka.bootstrap-servers", "127.0.0.1:" + closedPort());
        try (GatewayTestApp app = GatewayTestApp.start(props, GatewayTestApp.tempDir())) {
            WebTestClient client = app.client();

            // when / then: a key cannot be checked without the principals topic
            failure(postEvent(client, "usr_0123-" + "A".repeat(43)), 503, "kafka_unavailable");
            postEvent(client, "usr_0123-" + "A".repeat(43)).expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5");
            client.get().uri("/actuator/health").exchange()
                    .expectStatus().isEqualTo(503)
                    .expectBody()
                    .jsonPath("$.components.kafka.status").isEqualTo("DOWN")
                    .jsonPath("$.components.kafka.details.reason").isNotEmpty();
        }
    }

    private static WebTestClient.ResponseSpec postEvent(WebTestClient client, String key) {
        return client.post().uri("/v4/events").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(List.of(EVENT)).exchange();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
