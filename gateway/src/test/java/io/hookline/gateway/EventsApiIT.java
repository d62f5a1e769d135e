package io.hookline.gateway;

import static io.hookline.gateway.Envelopes.failure;
import static io.hookline.gateway.Envelopes.success;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.schemas.Ids;
import io.hookline.schemas.avro.Event;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EventsApiIT {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Map<String, Object> ACRONYM = Map.of("acronym", Map.of("id", "acr_1", "term", "OKR",
            "title", "Objectives and Key Results", "description", "Goals.", "categories", List.of("Management"), "created_by", "user_1"));

    private static GatewayTestApp app;
    private static WebTestClient client;

    @BeforeAll
    static void startGateway() {
        app = GatewayTestApp.shared();
        client = app.client();
    }

    @Test
    void shouldPutAnAcceptedEventOnTheEventsTopicKeyedByTeam() {
        // given
        String team = "team-" + UUID.randomUUID();
        String key = app.newUser(team, "member");
        String id = Ids.random(Ids.EVENT);

        // when
        success(post(key, Map.of("type", "acronym.created", "data", ACRONYM, "id", id, "timestamp", "2026-03-28T10:15:00Z")), 202)
                .jsonPath("$.data.accepted").isEqualTo(List.of(id));

        // then
        List<ConsumerRecord<String, byte[]>> records = TestKafka.consumeUntil(Topics.EVENTS, "events-it-" + UUID.randomUUID(),
                read -> read.stream().anyMatch(r -> team.equals(r.key())), Duration.ofSeconds(30));
        ConsumerRecord<String, byte[]> record = records.stream().filter(r -> team.equals(r.key())).findFirst().orElseThrow();
        Event event = Topics.EVENT_VALUES.deserialize(record.value());
        assertThat(event.getId()).isEqualTo(id);
        assertThat(event.getTenantId()).isEqualTo(team);
        assertThat(event.getType()).isEqualTo("acronym.created");
        assertThat(event.getTimestamp()).isEqualTo(Instant.parse("2026-03-28T10:15:00Z"));
        assertThat(MAPPER.readTree(event.getData())).isEqualTo(MAPPER.valueToTree(ACRONYM));
    }

    @Test
    void shouldPutTheRequestsTraceContextInTheHeadersOfEveryEventRecordAndIgnoreABrokenOne() {
        // given a caller in a trace, and one whose traceparent is not one
        String team = "team-" + UUID.randomUUID();
        String key = app.newUser(team, "member");
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        Map<String, Object> event = Map.of("type", "acronym.created", "data", ACRONYM);

        // when each posts events
        success(client.post().uri("/v4/events").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .header("traceparent", traceparent).header("tracestate", "rojo=00f067aa0ba902b7")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(List.of(event, event)).exchange(), 202);
        success(client.post().uri("/v4/events").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .header("traceparent", "00-garbage").header("tracestate", "rojo=1")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(event).exchange(), 202);

        // then the traced batch's records carry the context as Kafka headers, the other's carry none
        List<ConsumerRecord<String, byte[]>> records = TestKafka.consumeUntil(Topics.EVENTS, "events-it-" + UUID.randomUUID(),
                read -> read.stream().filter(r -> team.equals(r.key())).count() == 3, Duration.ofSeconds(30));
        List<ConsumerRecord<String, byte[]>> ours = records.stream().filter(r -> team.equals(r.key())).toList();
        assertThat(ours.subList(0, 2)).allSatisfy(record -> {
            assertThat(new String(record.headers().lastHeader("traceparent").value())).isEqualTo(traceparent);
            assertThat(new String(record.headers().lastHeader("tracestate").value())).isEqualTo("rojo=00f067aa0ba902b7");
        });
        assertThat(ours.get(2).headers().toArray()).isEmpty();
    }

    @Test
    void shouldAcceptABatchAndNameEveryEvent() {
        // given
        String team = "team-" + UUID.randomUUID();
        String key = app.newUser(team, "admin");
        Map<String, Object> event = Map.of("type", "acronym.created", "data", ACRONYM);

        // when
        byte[] body = success(post(key, List.of(event, event, event)), 202).returnResult().getResponseBody();

        // then
        JsonNode accepted = MAPPER.readTree(body).at("/data/accepted");
        assertThat(accepted.size()).isEqualTo(3);
        assertThat(accepted.valueStream().map(JsonNode::stringValue).distinct()).hasSize(3).allMatch(id -> id.startsWith("evt_"));
        List<ConsumerRecord<String, byte[]>> records = TestKafka.consumeUntil(Topics.EVENTS, "events-it-" + UUID.randomUUID(),
                read -> read.stream().filter(r -> team.equals(r.key())).count() == 3, Duration.ofSeconds(30));
        assertThat(records.stream().filter(r -> team.equals(r.key())).map(r -> Topics.EVENT_VALUES.deserialize(r.value()).getId()))
                .containsExactlyInAnyOrderElementsOf(accepted.valueStream().map(JsonNode::stringValue).toList());
    }

    @Test
    void shouldListEveryProblemOfABatch() {
        // given
        String key = app.newUser("team-" + UUID.randomUUID(), "member");
        List<Object> batch = List.of(
                Map.of("type", "acronym.created", "data", ACRONYM),
                Map.of("type", "acronym.created", "data", Map.of("acronym", Map.of("id", "acr_2"))),
                Map.of("type", "acronym.exploded", "data", Map.of()),
                Map.of("type", "user.created", "data", Map.of("user", Map.of()), "id", "nope", "timestamp", "today"));

        // when / then
        failure(post(key, batch), 422, "validation_failed")
                .jsonPath("$.error.details[?(@.field == '[1].data.acronym.term')]").exists()
                .jsonPath("$.error.details[?(@.field == '[1].data.acronym.title')]").exists()
                .jsonPath("$.error.details[?(@.field == '[2].type')].problem").value(problems ->
                        assertThat(problems.toString()).contains("acronym.exploded"))
                .jsonPath("$.error.details[?(@.field == '[3].id')]").exists()
                .jsonPath("$.error.details[?(@.field == '[3].timestamp')]").exists()
                .jsonPath("$.error.details[?(@.field =~ /\\[0\\].*/)]").doesNotExist();
    }

    @Test
    void shouldRefuseMalformedJson() {
        String key = app.newUser("team-" + UUID.randomUUID(), "member");
        failure(client.post().uri("/v4/events").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"type\": \"acronym.created\", ").exchange(), 400, "malformed_json");
    }

    @Test
    void shouldRefuseABodyThatIsNotJson() {
        String key = app.newUser("team-" + UUID.randomUUID(), "member");
        failure(client.post().uri("/v4/events").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .contentType(MediaType.TEXT_PLAIN).bodyValue("type=acronym.created").exchange(), 415, "unsupported_media_type");
    }

    @Test
    void shouldRefuseABodyOverTheLimit() {
        // given
        String key = app.newUser("team-" + UUID.randomUUID(), "member");
        String big = "{\"type\": \"acronym.created\", \"data\": {\"blob\": \"" + "x".repeat((int) GatewayTestApp.MAX_REQUEST_BYTES) + "\"}}";

        // when / then
        failure(client.post().uri("/v4/events").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(big).exchange(), 413, "payload_too_large");
    }

    @Test
    void shouldRefuseRequestsWithoutAValidKey() {
        // given
        String key = app.newUser("team-" + UUID.randomUUID(), "member");
        String wrongSuffix = key.substring(0, key.indexOf('-') + 1) + "A".repeat(43);
        Map<String, Object> event = Map.of("type", "acronym.created", "data", ACRONYM);

        // when / then
        failure(client.post().uri("/v4/events").contentType(MediaType.APPLICATION_JSON).bodyValue(event).exchange(), 401, "unauthorized");
        for (String bad : List.of("garbage", "usr_00-" + "A".repeat(43), wrongSuffix)) {
            failure(post(bad, event), 401, "unauthorized");
        }
        failure(client.post().uri("/v4/events").header(HttpHeaders.AUTHORIZATION, "Basic " + key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(event).exchange(), 401, "unauthorized");
    }

    @Test
    void shouldListTheCatalog() {
        String key = app.newUser("team-" + UUID.randomUUID(), "member");
        success(client.get().uri("/v4/event-types").header(HttpHeaders.AUTHORIZATION, "Bearer " + key).exchange(), 200)
                .jsonPath("$.data.length()").isEqualTo(21)
                .jsonPath("$.nextCursor").value(cursor -> assertThat(cursor).isNull())
                .jsonPath("$.data[?(@.type == 'acronym.created')].description").isNotEmpty()
                .jsonPath("$.data[?(@.type == 'acronym.created')].schema.properties.acronym").exists()
                .jsonPath("$.data[?(@.type == 'acronym.created')].sample.acronym.term").isEqualTo(List.of("OKR"))
                .jsonPath("$.data[?(@.type == 'webhook.test')]").exists();
    }

    @Test
    void shouldAnswerUnknownPathsAndWrongMethodsInTheEnvelope() {
        String key = app.newUser("team-" + UUID.randomUUID(), "member");
        failure(client.get().uri("/v4/nothing-here").header(HttpHeaders.AUTHORIZATION, "Bearer " + key).exchange(), 404, "not_found");
        failure(client.post().uri("/v4/nothing-here").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange(), 404, "not_found");
        failure(client.delete().uri("/v4/events").header(HttpHeaders.AUTHORIZATION, "Bearer " + key).exchange(), 405, "method_not_allowed")
                .consumeWith(result -> assertThat(result.getResponseHeaders().getAllow()).isNotEmpty());
    }

    private WebTestClient.ResponseSpec post(String key, Object body) {
        return client.post().uri("/v4/events").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }
}
