package io.hookline.standalone.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.standardwebhooks.Webhook;
import io.hookline.standalone.HooklineClient;
import io.hookline.standalone.Standalone;
import io.hookline.testsupport.ReceivedRequest;
import io.hookline.testsupport.TestReceiver;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Webhook management end to end: the real gateway, router and deliverer on the embedded broker,
 * verifying real HTTPS receivers (trusted and untrusted), rotating secrets, disabling and enabling.
 */
class WebhookVerificationIT {

    @TempDir
    static Path data;

    static TestReceiver receiver;
    static TestReceiver untrusted;
    static Standalone hookline;
    static HooklineClient api;

    @BeforeAll
    static void start() throws Exception {
        receiver = TestReceiver.https();
        untrusted = TestReceiver.https(); // its own self-signed certificate, which nobody trusts
        hookline = Standalone.start(Map.of("hookline.data-dir", data.toString(),
                "server.port", "0",
                "hookline.embedded-kafka.port", "0",
                "hookline.delivery.allowed-cidrs", "127.0.0.0/8",
                "hookline.delivery.extra-ca-certs", receiver.caCertificatePem().toString(),
                "hookline.delivery.timeout", "2s",
                "hookline.gateway.webhooks.verification-timeout", "20s"));
        api = new HooklineClient(hookline.baseUrl(), Files.readString(data.resolve("owner.key")).trim());
    }

    @AfterAll
    static void stop() {
        hookline.close();
        receiver.close();
        untrusted.close();
    }

    @Test
    void shouldActivateAnEndpointThatAnswers200() {
        // given
        String path = path();
        // when
        HooklineClient.Response created = create(receiver.url(path), "[\"acronym.created\"]");
        // then
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.data().path("status").asString()).isEqualTo("active");
        assertThat(created.data().path("verification").path("status").asString()).isEqualTo("succeeded");
        assertThat(created.data().path("verification").path("error").isNull()).isTrue();
        // and the receiver got a signed webhook.test through the normal path
        ReceivedRequest test = receiver.requests(path).get(0);
        assertThat(test.header("x-define-event")).isEqualTo("webhook.test");
        verifySignature(created.data().path("secret").asString(), test);
        assertThat(api.get("/v4/webhooks/" + id(created)).data().path("lastDelivery").path("status").asString()).isEqualTo("succeeded");
    }

    @Test
    void shouldExplainAnHttp500WithTheStartOfTheBody() {
        String path = path();
        receiver.respondWith(path, 500, "database down " + "x".repeat(600));
        JsonNode webhook = create(receiver.url(path), "[\"*\"]").data();
        assertThat(webhook.path("status").asString()).isEqualTo("verification_failed");
        assertThat(webhook.path("verification").path("error").asString())
                .isEqualTo("HTTP 500: " + ("database down " + "x".repeat(600)).substring(0, 500));
    }

    @Test
    void shouldExplainATimeout() {
        String path = path();
        receiver.hang(path);
        JsonNode webhook = create(receiver.url(path), "[\"*\"]").data();
        assertThat(webhook.path("status").asString()).isEqualTo("verification_failed");
        assertThat(webhook.path("verification").path("error").asString()).startsWith("timed out after 2s");
    }

    @Test
    void shouldExplainAnUntrustedCertificate() {
        JsonNode webhook = create(untrusted.url(path()), "[\"*\"]").data();
        assertThat(webhook.path("status").asString()).isEqualTo("verification_failed");
        assertThat(webhook.path("verification").path("error").asString()).startsWith("TLS handshake failed: ");
    }

    @Test
    void shouldExplainANameThatDoesNotResolve() {
        JsonNode webhook = create("https://no-such-host-" + UUID.randomUUID() + ".invalid/hook", "[\"*\"]").data();
        assertThat(webhook.path("status").asString()).isEqualTo("verification_failed");
        assertThat(webhook.path("verification").path("error").asString()).startsWith("DNS name not found");
    }

    @Test
    void shouldExplainARefusedConnection() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        JsonNode webhook = create("https://127.0.0.1:" + closedPort + "/hook", "[\"*\"]").data();
        assertThat(webhook.path("status").asString()).isEqualTo("verification_failed");
        assertThat(webhook.path("verification").path("error").asString()).isEqualTo("connection refused");
    }

    @Test
    void shouldActivateAfterRetryTestOnceTheEndpointIsFixed() {
        // given a failing endpoint
        String path = path();
        receiver.respondWith(path, 503, "maintenance");
        String id = id(create(receiver.url(path), "[\"*\"]"));
        // when it is fixed and the test re-run
        receiver.respondWith(path, 200, "ok");
        HooklineClient.Response verified = api.post("/v4/webhooks/" + id + "/verify", "{}");
        // then
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.data().path("status").asString()).isEqualTo("active");
        assertThat(verified.data().path("secret").isMissingNode()).isTrue();
    }

    @Test
    void shouldSkipEventsUntilVerifiedAndRecoverThemOnceRetryTestSucceeds() {
        // given a webhook whose verification failed
        String path = path();
        receiver.respondWith(path, 503, "maintenance");
        HooklineClient.Response created = create(receiver.url(path), "[\"acronym.created\"]");
        assertThat(created.data().path("status").asString()).isEqualTo("verification_failed");
        String id = id(created);
        Instant since = Instant.now(); // after its failed test delivery, which a recovery would send again too
        // when an event it subscribes to is posted
        postEvent("acronym.created");
        // then the delivery is recorded as skipped, "not verified", and nothing is sent
        JsonNode skipped = awaitDeliveries(id, "skipped", 1).get(0);
        JsonNode detail = api.get("/v4/webhooks/" + id + "/deliveries/" + skipped.path("deliveryId").asString()).data();
        assertThat(detail.path("attempts").get(0).path("error").asString()).isEqualTo("not verified");
        assertThat(events(path, "acronym.created")).isEmpty();
        // and when the endpoint is fixed, Retry Test passes and the window is recovered, it arrives
        receiver.respondWith(path, 200, "ok");
        assertThat(api.post("/v4/webhooks/" + id + "/verify", "{}").data().path("status").asString()).isEqualTo("active");
        HooklineClient.Response recovered = api.post("/v4/webhooks/" + id + "/recover",
                "{\"since\": \"" + since + "\"}");
        assertThat(recovered.status()).as("recover: %s", recovered.body()).isEqualTo(202);
        assertThat(recovered.data().path("queued").asInt()).isEqualTo(1);
        ReceivedRequest delivered = awaitEvent(path, "acronym.created", 1).get(0);
        assertThat(delivered.header("webhook-id")).isEqualTo(skipped.path("deliveryId").asString());
    }

    @Test
    void shouldDisableAWebhookWhoseEndpointAnswers410AndKeepItsOtherChanges() {
        // given a verified webhook whose endpoint then goes away for good
        String path = path();
        String id = id(create(receiver.url(path), "[\"acronym.created\"]"));
        receiver.respondWith(path, 410, "gone");
        // when an event reaches it, and its description is edited meanwhile
        postEvent("acronym.created");
        assertThat(api.patch("/v4/webhooks/" + id, "{\"description\": \"billing\"}").status()).isEqualTo(200);
        // then the deliverer's disable reaches the gateway, the one writer of webhooks, and the edit stays
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "disabled".equals(api.get("/v4/webhooks/" + id).data().path("status").asString()));
        JsonNode webhook = api.get("/v4/webhooks/" + id).data();
        assertThat(webhook.path("disabledReason").asString()).isEqualTo("endpoint answered 410 Gone");
        assertThat(webhook.path("description").asString()).isEqualTo("billing");
    }

    @Test
    void shouldSignWithBothSecretsDuringTheRotationOverlap() {
        // given
        String path = path();
        HooklineClient.Response created = create(receiver.url(path), "[\"acronym.created\"]");
        String oldSecret = created.data().path("secret").asString();
        // when
        String newSecret = api.post("/v4/webhooks/" + id(created) + "/secret/rotate", "{}").data().path("secret").asString();
        postEvent("acronym.created");
        // then a receiver knowing only the old secret and one knowing only the new accept the same request
        ReceivedRequest request = awaitEvent(path, "acronym.created", 1).get(0);
        assertThat(request.header("webhook-signature").split(" ")).hasSize(2).allSatisfy(s -> assertThat(s).startsWith("v1,"));
        verifySignature(oldSecret, request);
        verifySignature(newSecret, request);
        assertThat(api.get("/v4/webhooks/" + id(created) + "/secret").data().path("secret").asString()).isEqualTo(newSecret);
    }

    @Test
    void shouldNotDeliverToADisabledWebhookAndDeliverAgainOnceEnabled() {
        // given
        String path = path();
        String id = id(create(receiver.url(path), "[\"user.created\", \"user.deactivated\"]"));
        // when disabled
        assertThat(api.post("/v4/webhooks/" + id + "/disable", "{}").data().path("status").asString()).isEqualTo("disabled");
        postEvent("user.created");
        // and enabled again
        assertThat(api.post("/v4/webhooks/" + id + "/enable", "{}").data().path("status").asString()).isEqualTo("active");
        postEvent("user.deactivated");
        // then only the event sent while enabled arrives (it was posted after the other, on the same path)
        awaitEvent(path, "user.deactivated", 1);
        assertThat(receiver.requests(path)).extracting(r -> r.header("x-define-event")).doesNotContain("user.created");
    }

    @Test
    void shouldSendTheSampleOfAChosenTypeOnTest() {
        String path = path();
        String id = id(create(receiver.url(path), "[\"acronym.created\"]"));
        HooklineClient.Response sent = api.post("/v4/webhooks/" + id + "/test", "{\"eventType\": \"category.created\"}");
        assertThat(sent.status()).isEqualTo(202);
        ReceivedRequest request = awaitEvent(path, "category.created", 1).get(0);
        assertThat(request.header("x-define-delivery-id")).isEqualTo(sent.data().path("deliveryId").asString());
    }

    @Test
    void shouldDeliverACustomTypeToStarSubscribersWithoutEditingThem() {
        String path = path();
        create(receiver.url(path), "[\"*\"]");
        String type = "invoice.paid_" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/v4/event-types", "{\"type\": \"" + type + "\", \"description\": \"Paid.\", "
                + "\"schema\": {\"type\": \"object\"}, \"sample\": {\"amount\": 1}}").status()).isEqualTo(201);
        postEvent(type);
        awaitEvent(path, type, 1);
    }

    private static List<JsonNode> awaitDeliveries(String id, String status, int n) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> deliveries(id, status).size() >= n);
        return deliveries(id, status);
    }

    private static List<JsonNode> deliveries(String id, String status) {
        List<JsonNode> rows = new ArrayList<>();
        api.get("/v4/webhooks/" + id + "/deliveries?status=" + status).data().forEach(rows::add);
        return rows;
    }

    private static List<ReceivedRequest> awaitEvent(String path, String type, int n) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> events(path, type).size() >= n);
        return events(path, type);
    }

    private static List<ReceivedRequest> events(String path, String type) {
        return receiver.requests(path).stream().filter(r -> type.equals(r.header("x-define-event"))).toList();
    }

    private static void postEvent(String type) {
        HooklineClient.Response response = api.post("/v4/events", "{\"type\": \"" + type + "\", \"data\": " + sample(type) + "}");
        assertThat(response.status()).as("event accepted: %s", response.body()).isEqualTo(202);
    }

    private static String sample(String type) {
        for (JsonNode t : api.get("/v4/event-types").data()) {
            if (t.path("type").asString().equals(type)) {
                return t.path("sample").toString();
            }
        }
        throw new IllegalArgumentException(type);
    }

    private static void verifySignature(String secret, ReceivedRequest request) {
        assertThatCode(() -> new Webhook(secret).verify(request.body(), Map.of(
                "webhook-id", List.of(request.header("webhook-id")),
                "webhook-timestamp", List.of(request.header("webhook-timestamp")),
                "webhook-signature", List.of(request.header("webhook-signature"))))).doesNotThrowAnyException();
    }

    private static HooklineClient.Response create(String url, String events) {
        HooklineClient.Response created = api.post("/v4/webhooks", "{\"url\": \"" + url + "\", \"events\": " + events + "}");
        assertThat(created.status()).as("created: %s", created.body()).isEqualTo(201);
        return created;
    }

    private static String id(HooklineClient.Response created) {
        return created.data().path("id").asString();
    }

    private static String path() {
        return "/hooks/" + UUID.randomUUID();
    }
}
