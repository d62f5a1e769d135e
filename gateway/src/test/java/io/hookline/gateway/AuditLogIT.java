package io.hookline.gateway;

import static io.hookline.gateway.Envelopes.failure;
import static io.hookline.gateway.Envelopes.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hookline.schemas.avro.WebhookAction;
import io.hookline.schemas.avro.WebhookCommand;
import io.hookline.schemas.topics.TenantPartitioner;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import tools.jackson.databind.JsonNode;

/**
 * The audit log over real HTTP and a real broker: changes by an owner, an admin and the deliverer's
 * command, read back filtered by actor and resource with their before and after, for owners only and
 * never across teams; no secret in clear.
 */
class AuditLogIT extends SharedGatewayWithReceiver {

    @Test
    void shouldRecordWhoChangedWhatAndShowItOnlyToTheTeamsOwner() {
        // given a team with an owner and an admin, and a start time
        String team = "team-" + UUID.randomUUID();
        String owner = app.newUser(team, "owner");
        String admin = app.newUser(team, "admin");
        String ownerId = userId(owner);
        String adminId = userId(admin);
        String from = Instant.now().minusSeconds(1).toString();

        // when the owner creates a webhook, the admin changes and disables it, the owner reveals and rotates its secret
        JsonNode created = body(success(send(owner, HttpMethod.POST, "/v4/webhooks", Map.of("url", receiver.url("/audit"), "events", List.of("*"),
                "headers", Map.of("X-Team-Token", "tok-team-secret-42"))), 201));
        String webhookId = created.at("/data/id").stringValue();
        String firstSecret = created.at("/data/secret").stringValue();
        String patchRequest = "it-patch-" + UUID.randomUUID();
        success(send(admin, HttpMethod.PATCH, "/v4/webhooks/" + webhookId, Map.of("description", "audited"), patchRequest), 200);
        success(send(admin, HttpMethod.POST, "/v4/webhooks/" + webhookId + "/disable", null, null), 200);
        String revealed = body(success(send(owner, HttpMethod.GET, "/v4/webhooks/" + webhookId + "/secret", null, null), 200)).at("/data/secret").stringValue();
        String rotated = body(success(send(owner, HttpMethod.POST, "/v4/webhooks/" + webhookId + "/secret/rotate", null, null), 200))
                .at("/data/secret").stringValue();
        // and the admin adds a user whose key the owner then revokes
        JsonNode user = body(success(send(admin, HttpMethod.POST, "/v4/users", Map.of("email", "audited@example.com", "role", "member"), null), 201));
        String newUserId = user.at("/data/id").stringValue();
        String newUserKey = user.at("/data/apiKey").stringValue();
        send(owner, HttpMethod.DELETE, "/v4/api-keys/" + newUserId, null, null).expectStatus().isNoContent();

        // then the admin's changes, newest first, with before and after, and the request id they came with
        List<JsonNode> byAdmin = entries(owner, "from=" + from + "&actor=" + adminId);
        assertThat(byAdmin).extracting(e -> e.at("/action").stringValue() + " " + e.at("/resource/type").stringValue())
                .containsExactly("create user", "disable webhook", "update webhook");
        JsonNode patch = byAdmin.get(2);
        assertThat(patch.at("/requestId").stringValue()).isEqualTo(patchRequest);
        assertThat(patch.at("/actor/role").stringValue()).isEqualTo("admin");
        assertThat(patch.at("/actor/keyId").stringValue()).isEqualTo(adminId);
        assertThat(patch.at("/actor/via").stringValue()).isEqualTo("api");
        assertThat(patch.at("/before/description").isNull()).isTrue();
        assertThat(patch.at("/after/description").stringValue()).isEqualTo("audited");
        assertThat(patch.at("/after/headers/X-Team-Token").stringValue()).isEqualTo("<redacted>");
        JsonNode disable = byAdmin.get(1);
        assertThat(disable.at("/before/status").stringValue()).isNotEqualTo("disabled");
        assertThat(disable.at("/after/status").stringValue()).isEqualTo("disabled");

        // and the owner's secret reveal and rotation, by resource type, with fingerprints only
        List<JsonNode> secrets = entries(owner, "from=" + from + "&resource=secret");
        assertThat(secrets).extracting(e -> e.at("/action").stringValue()).containsExactly("rotate", "reveal");
        assertThat(secrets).allSatisfy(e -> assertThat(e.at("/actor/id").stringValue()).isEqualTo(ownerId));
        assertThat(secrets.get(0).at("/before/fingerprint").stringValue()).isEqualTo(secrets.get(1).at("/after/fingerprint").stringValue())
                .isNotEqualTo(secrets.get(0).at("/after/fingerprint").stringValue());

        // and everything about the webhook by its id: creation (with its headers redacted) to the secret's rotation
        List<JsonNode> aboutWebhook = entries(owner, "from=" + from + "&resource=" + webhookId);
        assertThat(aboutWebhook).extracting(e -> e.at("/action").stringValue())
                .containsExactly("rotate", "reveal", "disable", "update", "create");
        assertThat(aboutWebhook.get(4).at("/before").isNull()).isTrue();
        assertThat(aboutWebhook.get(4).at("/after/url").stringValue()).isEqualTo(receiver.url("/audit"));

        // and the key's revocation
        List<JsonNode> keys = entries(owner, "from=" + from + "&resource=api_key");
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).at("/resource/id").stringValue()).isEqualTo(newUserId);
        assertThat(keys.get(0).at("/before/keyStatus").stringValue()).isEqualTo("active");
        assertThat(keys.get(0).at("/after/keyStatus").stringValue()).isNotEqualTo("active");

        // and no secret, key or header value anywhere in the log
        String whole = raw(owner, "from=" + from + "&limit=500");
        assertThat(whole).doesNotContain(firstSecret).doesNotContain(revealed).doesNotContain(rotated)
                .doesNotContain(newUserKey).doesNotContain("tok-team-secret-42");
    }

    @Test
    void shouldRecordTheDeliverersDisableAsTheSystemWithItsReason() {
        // given a webhook
        String team = "team-" + UUID.randomUUID();
        String owner = app.newUser(team, "owner");
        String from = Instant.now().minusSeconds(1).toString();
        String webhookId = body(success(send(owner, HttpMethod.POST, "/v4/webhooks", Map.of("url", receiver.url("/gone"), "events", List.of("*"))), 201))
                .at("/data/id").stringValue();

        // when the deliverer asks to disable it after a 410
        WebhookCommand command = WebhookCommand.newBuilder().setCommandId(UUID.randomUUID().toString()).setWebhookId(webhookId)
                .setTenantId(team).setAction(WebhookAction.DISABLE).setReason("the endpoint answered 410 Gone").setIssuedBy("deliverer")
                .setIssuedAt(Instant.now()).build();
        publish(team, webhookId, command);

        // then the log says the system did it, why, and from which command
        await().atMost(Duration.ofSeconds(30)).until(() -> !entries(owner, "from=" + from + "&actor=deliverer").isEmpty());
        JsonNode entry = entries(owner, "from=" + from + "&actor=deliverer").get(0);
        assertThat(entry.at("/actor/type").stringValue()).isEqualTo("system");
        assertThat(entry.at("/actor/via").stringValue()).isEqualTo("command");
        assertThat(entry.at("/actor/role").isNull()).isTrue();
        assertThat(entry.at("/action").stringValue()).isEqualTo("disable");
        assertThat(entry.at("/reason").stringValue()).isEqualTo("the endpoint answered 410 Gone");
        assertThat(entry.at("/requestId").stringValue()).isEqualTo(command.getCommandId());
        assertThat(entry.at("/after/disabledReason").stringValue()).isEqualTo("the endpoint answered 410 Gone");
    }

    @Test
    void shouldForbidAdminsAndMembersAndShowNoOtherTeamsEntries() {
        // given team A's owner made a change
        String teamA = "team-" + UUID.randomUUID();
        String ownerA = app.newUser(teamA, "owner");
        String webhookA = body(success(send(ownerA, HttpMethod.POST, "/v4/webhooks", Map.of("url", receiver.url("/a"), "events", List.of("*"))), 201))
                .at("/data/id").stringValue();
        String ownerB = app.newUser("team-" + UUID.randomUUID(), "owner");

        // when / then an admin and a member of team A get 403
        failure(send(app.newUser(teamA, "admin"), HttpMethod.GET, "/v4/audit-log", null, null), 403, "forbidden");
        failure(send(app.newUser(teamA, "member"), HttpMethod.GET, "/v4/audit-log", null, null), 403, "forbidden");
        // and team B's owner sees none of team A's entries, even asking for them by id and actor
        assertThat(entries(ownerB, "resource=" + webhookA)).isEmpty();
        assertThat(entries(ownerB, "actor=" + userId(ownerA))).isEmpty();
        assertThat(raw(ownerB, "limit=500")).doesNotContain(webhookA).doesNotContain(teamA);
        // while A's owner does see it
        assertThat(entries(ownerA, "resource=" + webhookA)).hasSize(1);
    }

    @Test
    void shouldPageNewestFirstWithoutRepeatsAndRefuseBadQueries() {
        // given three changes
        String team = "team-" + UUID.randomUUID();
        String owner = app.newUser(team, "owner");
        List<String> types = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String type = "audit.t" + i + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
            types.add(type);
            success(send(owner, HttpMethod.POST, "/v4/event-types", Map.of("type", type, "description", "paged",
                    "schema", Map.of("type", "object"), "sample", Map.of())), 201);
        }

        // when reading two at a time
        JsonNode first = page(owner, "resource=event_type&limit=2");
        JsonNode second = page(owner, "resource=event_type&limit=2&cursor=" + first.at("/nextCursor").stringValue());

        // then the newest two, then the oldest, and no more
        assertThat(first.at("/data").valueStream().map(e -> e.at("/resource/id").stringValue())).containsExactly(types.get(2), types.get(1));
        assertThat(second.at("/data").valueStream().map(e -> e.at("/resource/id").stringValue())).containsExactly(types.get(0));
        assertThat(second.at("/nextCursor").isNull()).isTrue();
        // and bad queries are 422 naming each field
        failure(send(owner, HttpMethod.GET, "/v4/audit-log?from=yesterday&limit=501&cursor=nope", null, null), 422, "validation_failed")
                .jsonPath("$.error.details[*].field").value(fields -> assertThat(fields.toString()).contains("from", "limit", "cursor"));
    }

    @Test
    void shouldAnswerWithTheRequestIdItWasGiven() {
        String owner = app.newUser("team-" + UUID.randomUUID(), "owner");
        send(owner, HttpMethod.GET, "/v4/audit-log", null, "client-chosen-1").expectHeader().valueEquals("X-Request-Id", "client-chosen-1");
        send(owner, HttpMethod.GET, "/v4/audit-log", null, "bad id\twith tab").expectHeader().value("X-Request-Id",
                id -> assertThat(id).startsWith("req_"));
    }

    @Test
    void shouldAuditAConsoleActionThroughTheSameHandlersWithNoConsoleCode() {
        // given an owner signed in to the console over plain HTTP, and a webhook
        String team = "team-" + UUID.randomUUID();
        String owner = app.newUser(team, "owner");
        String from = Instant.now().minusSeconds(1).toString();
        String webhookId = body(success(send(owner, HttpMethod.POST, "/v4/webhooks", Map.of("url", receiver.url("/console"), "events", List.of("*"))), 201))
                .at("/data/id").stringValue();
        WebTestClient console = WebTestClient.bindToServer().baseUrl(app.baseUrl()).responseTimeout(Duration.ofSeconds(30)).build();
        EntityExchangeResult<byte[]> form = console.get().uri("/admin/sign-in").exchange().expectStatus().isOk().expectBody().returnResult();
        String signInCookie = form.getResponseCookies().getFirst("hookline_console_sign_in").getValue();
        EntityExchangeResult<byte[]> signedIn = console.post().uri("/admin/sign-in").cookie("hookline_console_sign_in", signInCookie)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("apiKey", owner).with("_csrf", csrf(form)))
                .exchange().expectStatus().is3xxRedirection().expectBody().returnResult();
        String session = signedIn.getResponseCookies().getFirst("hookline_console").getValue();
        EntityExchangeResult<byte[]> page = console.get().uri("/admin/webhooks/" + webhookId).cookie("hookline_console", session)
                .exchange().expectStatus().isOk().expectBody().returnResult();

        // when the owner disables the webhook with the console's form
        console.post().uri("/admin/webhooks/" + webhookId + "/disable").cookie("hookline_console", session)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(BodyInserters.fromFormData("_csrf", csrf(page)))
                .exchange().expectStatus().value(status -> assertThat(status).isLessThan(400));

        // then the audit log has it, by the same user, through the console, without a key
        List<JsonNode> entries = entries(owner, "from=" + from + "&resource=" + webhookId);
        assertThat(entries).extracting(e -> e.at("/action").stringValue()).containsExactly("disable", "create");
        JsonNode disable = entries.get(0);
        assertThat(disable.at("/actor/id").stringValue()).isEqualTo(userId(owner));
        assertThat(disable.at("/actor/via").stringValue()).isEqualTo("console");
        assertThat(disable.at("/actor/keyId").isNull()).isTrue();
        assertThat(disable.at("/requestId").stringValue()).startsWith("req_");
        assertThat(disable.at("/after/status").stringValue()).isEqualTo("disabled");
        assertThat(entries.get(1).at("/actor/via").stringValue()).isEqualTo("api");
    }

    /** The hidden {@code _csrf} field of a console page. */
    private static String csrf(EntityExchangeResult<byte[]> page) {
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(new String(page.getResponseBody(), StandardCharsets.UTF_8));
        assertThat(token.find()).as("the page has a form token").isTrue();
        return token.group(1);
    }

    private static List<JsonNode> entries(String key, String query) {
        return page(key, query).at("/data").valueStream().toList();
    }

    private static JsonNode page(String key, String query) {
        return body(success(send(key, HttpMethod.GET, "/v4/audit-log?" + query, null, null), 200));
    }

    private static String raw(String key, String query) {
        return new String(success(send(key, HttpMethod.GET, "/v4/audit-log?" + query, null, null), 200).returnResult().getResponseBody(),
                StandardCharsets.UTF_8);
    }

    private static String userId(String key) {
        return key.substring(0, key.indexOf('-'));
    }

    private static void publish(String team, String webhookId, WebhookCommand command) {
        String topic = Topics.WEBHOOK_COMMANDS.name();
        try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
            producer.send(new ProducerRecord<>(topic, TenantPartitioner.partitionFor(team, Topics.WEBHOOK_COMMANDS.partitions()), webhookId,
                    Topics.WEBHOOK_COMMANDS.valueSerde().serializer().serialize(topic, command))).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static WebTestClient.ResponseSpec send(String key, HttpMethod method, String path, Object body) {
        return send(key, method, path, body, null);
    }

    private static WebTestClient.ResponseSpec send(String key, HttpMethod method, String path, Object body, String requestId) {
        WebTestClient.RequestBodySpec request = client.method(method).uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + key);
        if (requestId != null) {
            request = request.header("X-Request-Id", requestId);
        }
        return body == null ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static JsonNode body(WebTestClient.BodyContentSpec spec) {
        return MAPPER.readTree(spec.returnResult().getResponseBody());
    }
}
