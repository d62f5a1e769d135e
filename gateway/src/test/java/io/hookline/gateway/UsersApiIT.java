package io.hookline.gateway;

import static io.hookline.gateway.Envelopes.failure;
import static io.hookline.gateway.Envelopes.success;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.schemas.avro.Principal;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.TestKafka;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
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

/** Users and API keys: creation with the key shown once, listing, revocation and rotation, team isolation. */
class UsersApiIT {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static GatewayTestApp app;
    private static WebTestClient client;

    @BeforeAll
    static void start() {
        app = GatewayTestApp.shared();
        client = app.client();
    }

    @Test
    void shouldCreateAUserWhoseKeyWorksAtOnce() {
        // given
        String team = "team-" + UUID.randomUUID();
        String owner = app.newUser(team, "owner");

        // when
        JsonNode created = body(success(createUser(owner, Map.of("email", "ada@example.com", "role", "admin")), 201)
                .jsonPath("$.data.email").isEqualTo("ada@example.com")
                .jsonPath("$.data.role").isEqualTo("admin")
                .jsonPath("$.data.teamId").isEqualTo(team)
                .jsonPath("$.data.keyStatus").isEqualTo("active")
                .jsonPath("$.data.createdAt").isNotEmpty());
        String id = created.at("/data/id").stringValue();
        String key = created.at("/data/apiKey").stringValue();

        // then
        assertThat(id).startsWith("usr_");
        assertThat(key).startsWith(id + "-");
        JsonNode listed = body(success(call(key, "GET", "/v4/users", null), 200).jsonPath("$.nextCursor").isEmpty());
        assertThat(listed.at("/data").valueStream().map(u -> u.at("/id").stringValue())).contains(id).hasSize(2);
        assertThat(listed.at("/data").valueStream().map(u -> u.has("apiKey"))).containsOnly(false);
        success(call(key, "GET", "/v4/users/" + id, null), 200).jsonPath("$.data.email").isEqualTo("ada@example.com");
    }

    @Test
    void shouldStoreOnlyTheHashOfTheNewKey() throws Exception {
        // given
        String owner = app.newUser("team-" + UUID.randomUUID(), "owner");

        // when
        JsonNode created = body(success(createUser(owner, Map.of("email", "bob@example.com", "role", "member")), 201));
        String id = created.at("/data/id").stringValue();
        String suffix = created.at("/data/apiKey").stringValue().substring(id.length() + 1);

        // then
        List<ConsumerRecord<String, Principal>> records = TestKafka.consumeUntil(Topics.PRINCIPALS, "users-it-" + UUID.randomUUID(),
                read -> read.stream().anyMatch(r -> id.equals(r.key())), Duration.ofSeconds(30));
        Principal stored = records.stream().filter(r -> id.equals(r.key())).findFirst().orElseThrow().value();
        String expectedHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(suffix.getBytes(StandardCharsets.UTF_8)));
        assertThat(stored.getKeyHash()).isEqualTo(expectedHash);
        assertThat(stored.toString()).doesNotContain(suffix);
        assertThat(stored.getRole().name()).isEqualTo("member");
    }

    @Test
    void shouldForbidAnAdminToCreateAnOwner() {
        String admin = app.newUser("team-" + UUID.randomUUID(), "admin");
        failure(createUser(admin, Map.of("email", "boss@example.com", "role", "owner")), 403, "forbidden");
    }

    @Test
    void shouldLetAnOwnerCreateAnOwner() {
        String owner = app.newUser("team-" + UUID.randomUUID(), "owner");
        success(createUser(owner, Map.of("email", "co-owner@example.com", "role", "owner")), 201).jsonPath("$.data.role").isEqualTo("owner");
    }

    @Test
    void shouldForbidAMemberToCreateUsers() {
        String member = app.newUser("team-" + UUID.randomUUID(), "member");
        failure(createUser(member, Map.of("email", "x@example.com", "role", "member")), 403, "forbidden");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldListEveryProblemOfANewUser() {
        String owner = app.newUser("team-" + UUID.randomUUID(), "owner");
        failure(createUser(owner, Map.of("email", "not-an-email", "role", "superuser")), 422, "validation_failed")
                .jsonPath("$.error.details[*].field").value(fields -> assertThat((List<Object>) fields).containsExactlyInAnyOrder("email", "role"));
    }

    @Test
    void shouldRefuseASecondUserWithTheSameEmailInTheTeam() {
        // given
        String owner = app.newUser("team-" + UUID.randomUUID(), "owner");
        success(createUser(owner, Map.of("email", "dup@example.com", "role", "member")), 201);

        // when / then
        failure(createUser(owner, Map.of("email", "DUP@example.com", "role", "admin")), 409, "conflict");
    }

    @Test
    void shouldRefuseARevokedKeyAtOnce() {
        // given
        String owner = app.newUser("team-" + UUID.randomUUID(), "owner");
        JsonNode created = body(success(createUser(owner, Map.of("email", "leaver@example.com", "role", "member")), 201));
        String id = created.at("/data/id").stringValue();
        String key = created.at("/data/apiKey").stringValue();
        success(call(key, "GET", "/v4/webhooks", null), 200);

        // when
        call(owner, "DELETE", "/v4/api-keys/" + id, null).expectStatus().isNoContent().expectBody().isEmpty();

        // then
        failure(call(key, "GET", "/v4/webhooks", null), 401, "unauthorized");
        success(call(owner, "GET", "/v4/users/" + id, null), 200).jsonPath("$.data.keyStatus").isEqualTo("revoked");
    }

    @Test
    void shouldReplaceTheKeyOnRotation() {
        // given
        String owner = app.newUser("team-" + UUID.randomUUID(), "owner");
        JsonNode created = body(success(createUser(owner, Map.of("email", "rot@example.com", "role", "admin")), 201));
        String id = created.at("/data/id").stringValue();
        String oldKey = created.at("/data/apiKey").stringValue();

        // when
        JsonNode rotated = body(success(call(owner, "POST", "/v4/api-keys/" + id + "/rotate", null), 200)
                .jsonPath("$.data.id").isEqualTo(id)
                .jsonPath("$.data.keyStatus").isEqualTo("active"));
        String newKey = rotated.at("/data/apiKey").stringValue();

        // then
        assertThat(newKey).startsWith(id + "-").isNotEqualTo(oldKey);
        failure(call(oldKey, "GET", "/v4/webhooks", null), 401, "unauthorized");
        success(call(newKey, "GET", "/v4/webhooks", null), 200);
    }

    @Test
    void shouldLetAMemberRotateOnlyTheirOwnKey() {
        // given
        String team = "team-" + UUID.randomUUID();
        String member = app.newUser(team, "member");
        String memberId = member.substring(0, member.indexOf('-'));
        String colleague = app.newUser(team, "member");
        String colleagueId = colleague.substring(0, colleague.indexOf('-'));

        // when / then
        success(call(member, "POST", "/v4/api-keys/" + memberId + "/rotate", null), 200).jsonPath("$.data.apiKey").isNotEmpty();
        failure(call(colleague, "DELETE", "/v4/api-keys/" + memberId, null), 403, "forbidden");
        success(call(colleague, "GET", "/v4/users/" + colleagueId, null), 200);
    }

    @Test
    void shouldForbidAnAdminToChangeAnOwnersKey() {
        String team = "team-" + UUID.randomUUID();
        String owner = app.newUser(team, "owner");
        String admin = app.newUser(team, "admin");
        String ownerId = owner.substring(0, owner.indexOf('-'));

        failure(call(admin, "POST", "/v4/api-keys/" + ownerId + "/rotate", null), 403, "forbidden");
        failure(call(admin, "DELETE", "/v4/api-keys/" + ownerId, null), 403, "forbidden");
        success(call(owner, "GET", "/v4/users", null), 200);
    }

    @Test
    void shouldNotRevealUsersOfOtherTeams() {
        // given
        String owner = app.newUser("team-" + UUID.randomUUID(), "owner");
        String victimId = body(success(createUser(owner, Map.of("email", "victim@example.com", "role", "member")), 201)).at("/data/id").stringValue();
        String stranger = app.newUser("team-" + UUID.randomUUID(), "owner");
        byte[] unknown = failure(call(stranger, "GET", "/v4/users/usr_0123456789abcdef", null), 404, "not_found").returnResult().getResponseBody();

        // when / then
        for (String[] request : List.of(new String[] {"GET", "/v4/users/" + victimId}, new String[] {"DELETE", "/v4/api-keys/" + victimId},
                new String[] {"POST", "/v4/api-keys/" + victimId + "/rotate"})) {
            assertThat(failure(call(stranger, request[0], request[1], null), 404, "not_found").returnResult().getResponseBody())
                    .as(request[0] + " " + request[1]).isEqualTo(unknown);
        }
        JsonNode strangersList = body(success(call(stranger, "GET", "/v4/users", null), 200));
        assertThat(strangersList.at("/data").valueStream().map(u -> u.at("/id").stringValue())).doesNotContain(victimId).hasSize(1);
        success(call(owner, "GET", "/v4/users/" + victimId, null), 200).jsonPath("$.data.keyStatus").isEqualTo("active");
    }

    private WebTestClient.ResponseSpec createUser(String key, Map<String, Object> body) {
        return call(key, "POST", "/v4/users", body);
    }

    private WebTestClient.ResponseSpec call(String key, String method, String path, Object body) {
        WebTestClient.RequestBodySpec spec = client.method(org.springframework.http.HttpMethod.valueOf(method)).uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + key);
        if (body == null) {
            return spec.exchange();
        }
        return spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static JsonNode body(WebTestClient.BodyContentSpec spec) {
        return MAPPER.readTree(spec.returnResult().getResponseBody());
    }
}
