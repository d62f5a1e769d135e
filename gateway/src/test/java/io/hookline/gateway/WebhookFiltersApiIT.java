package io.hookline.gateway;

import static io.hookline.gateway.Envelopes.failure;
import static io.hookline.gateway.Envelopes.success;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Payload filters and custom headers over the API: stored, shown, changed, refused with every problem named, tried. */
class WebhookFiltersApiIT extends SharedGatewayWithReceiver {

    @Test
    void shouldStoreShowAndChangeAWebhooksFilterAndHeaders() {
        // given an admin
        String admin = app.newUser("team-" + UUID.randomUUID(), "admin");

        // when a webhook is created with a filter and a header
        String id = MAPPER.readTree(success(post(admin, "/v4/webhooks", "{\"url\": \"" + receiver.url("/hook") + "\", \"events\": [\"*\"],"
                + " \"filter\": {\"data.amount\": {\"$gt\": 100}}, \"headers\": {\"X-Team\": \"payments\"}}"), 201)
                .jsonPath("$.data.filter").isEqualTo(Map.of("data.amount", Map.of("$gt", 100)))
                .jsonPath("$.data.headers").isEqualTo(Map.of("X-Team", "payments"))
                .returnResult().getResponseBody()).at("/data/id").stringValue();

        // then it shows them, and a PATCH replaces and removes them
        success(get(admin, "/v4/webhooks/" + id), 200).jsonPath("$.data.filter['data.amount']['$gt']").isEqualTo(100);
        success(patch(admin, id, "{\"filter\": {\"type\": \"acronym.created\"}, \"headers\": {}}"), 200)
                .jsonPath("$.data.filter.type").isEqualTo("acronym.created")
                .jsonPath("$.data.headers").isEqualTo(Map.of());
        success(patch(admin, id, "{\"filter\": null}"), 200).jsonPath("$.data.filter").isEmpty();
    }

    @Test
    void shouldRefuseABadFilterAndForbiddenHeadersNamingEach() {
        String admin = app.newUser("team-" + UUID.randomUUID(), "admin");
        failure(post(admin, "/v4/webhooks", "{\"url\": \"" + receiver.url("/hook") + "\", \"events\": [\"*\"],"
                + " \"filter\": {\"data.a\": {\"$regex\": \"(a)\\\\1\"}}, \"headers\": {\"webhook-signature\": \"v1,x\", \"X-Ok\": \"a\\nb\"}}"),
                422, "validation_failed")
                .jsonPath("$.error.details[*].field").isEqualTo(List.of("filter.data.a.$regex", "headers.webhook-signature", "headers.X-Ok"));
    }

    @Test
    void shouldAnswerWhetherAFilterMatchesAnEventForAnyRole() {
        String member = app.newUser("team-" + UUID.randomUUID(), "member");
        String filter = "\"filter\": {\"$or\": [{\"data.country\": {\"$in\": [\"NL\", \"BE\"]}}, {\"data.vip\": true}]}";
        success(post(member, "/v4/webhooks/filters/test", "{" + filter + ", \"event\": {\"type\": \"order.paid\", \"data\": {\"country\": \"BE\"}}}"), 200)
                .jsonPath("$.data.matches").isEqualTo(true);
        success(post(member, "/v4/webhooks/filters/test", "{" + filter + ", \"event\": {\"type\": \"order.paid\", \"data\": {\"country\": \"DE\"}}}"), 200)
                .jsonPath("$.data.matches").isEqualTo(false);
        failure(post(member, "/v4/webhooks/filters/test", "{\"filter\": {\"data.n\": {\"$gt\": null}}, \"event\": {\"type\": \"a\"}}"),
                422, "validation_failed")
                .jsonPath("$.error.details[*].field").isEqualTo(List.of("filter.data.n.$gt", "event.data"));
    }

    private WebTestClient.ResponseSpec post(String key, String path, String json) {
        return client.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json).exchange();
    }

    private WebTestClient.ResponseSpec patch(String key, String id, String json) {
        return client.patch().uri("/v4/webhooks/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    private WebTestClient.ResponseSpec get(String key, String path) {
        return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + key).exchange();
    }
}
