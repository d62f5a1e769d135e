package io.hookline.gateway;

import static io.hookline.gateway.Envelopes.failure;
import static io.hookline.gateway.Envelopes.success;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.topics.TenantPartitioner;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

class WebhooksApiIT extends SharedGatewayWithReceiver {

    @Test
    void shouldCreateAWebhookThatCanBeReadAtOnce() {
        // given
        String team = "team-" + UUID.randomUUID();
        String key = app.newUser(team, "admin");
        Map<String, Object> request = Map.of("url", receiver.url("/hook"), "events", List.of("acronym.created", "user.created"),
                "description", "Acronyms to Slack", "retryPolicy", Map.of("mode", "exponential"));

        // when
        JsonNode created = body(success(create(key, request), 201)
                .jsonPath("$.data.id").value(id -> assertThat((String) id).startsWith("wh_"))
                .jsonPath("$.data.url").isEqualTo(receiver.url("/hook"))
                .jsonPath("$.data.events").isEqualTo(List.of("acronym.created", "user.created"))
                .jsonPath("$.data.description").isEqualTo("Acronyms to Slack")
                .jsonPath("$.data.status").isEqualTo("verification_failed")
                .jsonPath("$.data.enabled").isEqualTo(true)
                .jsonPath("$.data.retryPolicy.mode").isEqualTo("exponential")
                .jsonPath("$.data.retryPolicy.schedule").isEqualTo(List.of("5s", "5m", "30m", "2h", "5h", "10h", "10h"))
                .jsonPath("$.data.verification.status").isEqualTo("failed")
                .jsonPath("$.data.verification.error").value(e -> assertThat((String) e).startsWith("timed out after 1 s"))
                .jsonPath("$.data.sendPlaintextSecret").isEqualTo(false)
                .jsonPath("$.data.secret").value(secret -> assertThat((String) secret).startsWith("whsec_")));
        String id = created.at("/data/id").stringValue();
        String secret = created.at("/data/secret").stringValue();
        assertThat(Instant.parse(created.at("/data/createdAt").stringValue())).isBeforeOrEqualTo(Instant.now());
        assertThat(created.at("/data").has("lastDelivery")).isTrue();
        assertThat(created.at("/data/lastDelivery").isNull()).isTrue();
        assertThat(created.at("/data/verification").has("checkedAt")).isTrue();

        // then: readable at once, without its secret
        success(client.get().uri("/v4/webhooks/{id}", id).header(HttpHeaders.AUTHORIZATION, "Bearer " + key).exchange(), 200)
                .jsonPath("$.data.id").isEqualTo(id)
                .jsonPath("$.data.createdAt").isEqualTo(created.at("/data/createdAt").stringValue())
                .jsonPath("$.data.secret").doesNotExist();

        // and: stored on the tenant's partition with the secret encrypted
        List<ConsumerRecord<String, Webhook>> records = TestKafka.consumeUntil(Topics.WEBHOOKS, "webhooks-it-" + UUID.randomUUID(),
                read -> read.stream().anyMatch(r -> id.equals(r.key())), Duration.ofSeconds(30));
        ConsumerRecord<String, Webhook> record = records.stream().filter(r -> id.equals(r.key())).findFirst().orElseThrow();
        assertThat(record.partition()).isEqualTo(TenantPartitioner.partitionFor(team, Topics.WEBHOOKS.partitions()));
        Webhook stored = record.value();
        assertThat(stored.getTenantId()).isEqualTo(team);
        assertThat(stored.getVerification()).isNull();
        assertThat(stored.getSecrets()).singleElement().satisfies(s -> {
            assertThat(s.getCiphertext()).doesNotContain(secret).doesNotContain(secret.substring("whsec_".length()));
            assertThat(SecretCipher.fromBase64Key(GatewayTestApp.SECRETS_KEY).decrypt(s.getCiphertext())).isEqualTo(secret);
            assertThat(s.getExpiresAt()).isNull();
        });
    }

    @Test
    void shouldForbidMembersToCreateWebhooks() {
        String key = app.newUser("team-" + UUID.randomUUID(), "member");
        failure(create(key, Map.of("url", receiver.url("/hook"), "events", List.of("*"))), 403, "forbidden");
    }

    @Test
    void shouldNotRevealWebhooksOfOtherTeams() {
        // given
        String owner = app.newUser("team-" + UUID.randomUUID(), "owner");
        String stranger = app.newUser("team-" + UUID.randomUUID(), "owner");
        String id = body(success(create(owner, Map.of("url", receiver.url("/hook"), "events", List.of("*"))), 201)).at("/data/id").stringValue();

        // when / then
        byte[] otherTeams = failure(get(stranger, "/v4/webhooks/" + id), 404, "not_found").returnResult().getResponseBody();
        byte[] unknown = failure(get(stranger, "/v4/webhooks/wh_doesnotexist"), 404, "not_found").returnResult().getResponseBody();
        assertThat(otherTeams).isEqualTo(unknown);
        success(get(stranger, "/v4/webhooks"), 200).jsonPath("$.data").isEmpty();
    }

    @Test
    void shouldListEveryProblemOfAWebhook() {
        String key = app.newUser("team-" + UUID.randomUUID(), "admin");
        failure(create(key, Map.of("url", "http://example.com/hook", "events", List.of("acronym.exploded", "*"),
                "retryPolicy", Map.of("mode", "exponential", "schedule", List.of("soon")), "colour", "blue")), 422, "validation_failed")
                .jsonPath("$.error.details[?(@.field == 'url')].problem").isEqualTo(List.of("must be an https:// URL"))
                .jsonPath("$.error.details[?(@.field == 'events[0]')]").exists()
                .jsonPath("$.error.details[?(@.field == 'events')]").exists()
                .jsonPath("$.error.details[?(@.field == 'retryPolicy.schedule[0]')]").exists()
                .jsonPath("$.error.details[?(@.field == 'colour')]").exists();
    }

    @Test
    void shouldRefusePrivateHosts() {
        String key = app.newUser("team-" + UUID.randomUUID(), "admin");
        failure(create(key, Map.of("url", "https://10.1.2.3/hook", "events", List.of("*"))), 422, "validation_failed")
                .jsonPath("$.error.details[0].field").isEqualTo("url")
                .jsonPath("$.error.details[0].problem").value(p -> assertThat((String) p).contains("10.0.0.0/8"));
    }

    @Test
    void shouldPageThroughTheTeamsWebhooksNewestFirst() {
        // given
        String key = app.newUser("team-" + UUID.randomUUID(), "owner");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(body(success(create(key, Map.of("url", receiver.url("/hook/" + i), "events", List.of("*"))), 201))
                    .at("/data/id").stringValue());
        }

        // when
        JsonNode first = body(success(get(key, "/v4/webhooks?limit=2"), 200).jsonPath("$.data.length()").isEqualTo(2));
        String cursor = first.at("/nextCursor").stringValue();
        JsonNode second = body(success(client.get().uri(b -> b.path("/v4/webhooks").queryParam("limit", 2).queryParam("cursor", cursor).build())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + key).exchange(), 200).jsonPath("$.data.length()").isEqualTo(1));

        // then
        assertThat(cursor).isNotBlank();
        assertThat(second.has("nextCursor")).isTrue();
        assertThat(second.get("nextCursor").isNull()).isTrue();
        List<JsonNode> listed = new ArrayList<>();
        first.get("data").forEach(listed::add);
        second.get("data").forEach(listed::add);
        assertThat(listed).extracting(w -> w.get("id").stringValue()).containsExactlyInAnyOrderElementsOf(created);
        assertThat(listed).isSortedAccordingTo(Comparator.comparing((JsonNode w) -> Instant.parse(w.get("createdAt").stringValue()))
                .thenComparing(w -> w.get("id").stringValue()).reversed());
        assertThat(listed).allSatisfy(w -> assertThat(w.has("secret")).isFalse());
    }

    @Test
    void shouldFilterByStatusAndCheckListParameters() {
        // given
        String key = app.newUser("team-" + UUID.randomUUID(), "admin");
        success(create(key, Map.of("url", receiver.url("/hook"), "events", List.of("*"))), 201);

        // when / then
        success(get(key, "/v4/webhooks?status=verification_failed"), 200).jsonPath("$.data.length()").isEqualTo(1);
        success(get(key, "/v4/webhooks?status=disabled"), 200).jsonPath("$.data").isEmpty();
        failure(get(key, "/v4/webhooks?status=sleepy&limit=0&cursor=zzz"), 422, "validation_failed")
                .jsonPath("$.error.details[*].field").isEqualTo(List.of("status", "limit", "cursor"));
    }

    private WebTestClient.ResponseSpec create(String key, Object body) {
        return client.post().uri("/v4/webhooks").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec get(String key, String path) {
        return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + key).exchange();
    }

    private static JsonNode body(WebTestClient.BodyContentSpec spec) {
        return MAPPER.readTree(spec.returnResult().getResponseBody());
    }
}
