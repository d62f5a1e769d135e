package io.hookline.gateway;

import static io.hookline.gateway.Envelopes.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Read-your-writes across gateway instances: what one gateway answered {@code 201} for, the other shows at once. */
class WebhooksAcrossGatewaysIT extends SharedGatewayWithReceiver {

    private static final int ROUNDS = 10;

    @Test
    void shouldShowAWebhookCreatedThroughOneGatewayThroughTheOtherRightAfterThe201() {
        // given a second gateway on the same broker that knows the caller, whose reads lag (its fetches wait
        // for up to 3 s of data, as a gateway under load or tuned for throughput would)
        String key = app.newUser("team-" + UUID.randomUUID(), "admin");
        try (IsolatedGateway other = IsolatedGateway.start(Map.of("hookline.kafka.properties.fetch.min.bytes", "1048576",
                "hookline.kafka.properties.fetch.max.wait.ms", "3000"))) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> get(other.client(), key, "/v4/webhooks").returnResult(byte[].class).getStatus().value() == 200);
            for (int round = 0; round < ROUNDS; round++) {
                // when a webhook is created through the shared gateway
                JsonNode created = MAPPER.readTree(success(client.post().uri("/v4/webhooks").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("url", receiver.url("/hook"), "events", List.of("*"), "description", "round " + round))
                        .exchange(), 201).returnResult().getResponseBody());
                String id = created.at("/data/id").stringValue();
                // then the other gateway finds it, and lists it, at once
                JsonNode found = MAPPER.readTree(success(get(other.client(), key, "/v4/webhooks/" + id), 200).returnResult().getResponseBody());
                assertThat(found.at("/data/description").stringValue()).as("round %d", round).isEqualTo("round " + round);
                JsonNode listed = MAPPER.readTree(success(get(other.client(), key, "/v4/webhooks?limit=1"), 200).returnResult().getResponseBody());
                assertThat(listed.at("/data/0/id").stringValue()).as("round %d: newest first", round).isEqualTo(id);
            }
        }
    }

    private static WebTestClient.ResponseSpec get(WebTestClient client, String key, String path) {
        return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + key).exchange();
    }
}
