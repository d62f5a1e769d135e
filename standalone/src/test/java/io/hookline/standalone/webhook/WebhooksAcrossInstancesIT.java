package io.hookline.standalone.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.standalone.HooklineClient;
import io.hookline.standalone.Standalone;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.testsupport.TestReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Read-your-writes across instances, end to end: two whole platforms (gateway, router, deliverer, executor
 * each) on one broker; a webhook created through A, then an event posted through B right after the
 * {@code 201}, is delivered, and B shows the webhook and its custom header as A answered them.
 */
class WebhooksAcrossInstancesIT {

    private static final int ROUNDS = 5;

    @TempDir
    static Path dataA;
    @TempDir
    static Path dataB;

    static TestReceiver receiver;
    static Standalone a;
    static Standalone b;
    static HooklineClient apiA;
    static HooklineClient apiB;

    @BeforeAll
    static void start() throws Exception {
        receiver = TestReceiver.https();
        // instances of one installation share the secrets key, as they share the cluster
        String secretsKey = SecretCipher.generateKey();
        a = Standalone.start(Map.of("hookline.data-dir", dataA.toString(),
                "hookline.secrets.key", secretsKey,
                "server.port", "0",
                "hookline.embedded-kafka.port", "0",
                "hookline.delivery.allowed-cidrs", "127.0.0.0/8",
                "hookline.delivery.extra-ca-certs", receiver.caCertificatePem().toString(),
                "hookline.gateway.webhooks.verification-timeout", "20s"));
        b = Standalone.start(Map.of("hookline.data-dir", dataB.toString(),
                "hookline.secrets.key", secretsKey,
                "server.port", "0",
                "hookline.kafka.bootstrap-servers", a.bootstrapServers(),
                "hookline.gateway.bootstrap.enabled", "false",
                "hookline.delivery.allowed-cidrs", "127.0.0.0/8",
                "hookline.delivery.extra-ca-certs", receiver.caCertificatePem().toString(),
                "hookline.gateway.webhooks.verification-timeout", "20s"));
        String key = Files.readString(dataA.resolve("owner.key")).trim();
        apiA = new HooklineClient(a.baseUrl(), key);
        apiB = new HooklineClient(b.baseUrl(), key);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> apiB.get("/v4/webhooks").status() == 200);
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
        receiver.close();
    }

    @Test
    void shouldDeliverAnEventPostedThroughOneInstanceToAWebhookJustCreatedThroughTheOther() {
        for (int round = 0; round < ROUNDS; round++) {
            // given a webhook created through A
            String path = "/across-" + round;
            HooklineClient.Response created = apiA.post("/v4/webhooks", "{\"url\": \"" + receiver.url(path) + "\","
                    + " \"events\": [\"acronym.created\"], \"headers\": {\"Authorization\": \"Bearer round-" + round + "\"}}");
            assertThat(created.status()).as("created: %s", created.body()).isEqualTo(201);
            assertThat(created.data().path("status").asString()).isEqualTo("active");
            String id = created.data().path("id").asString();

            // when an event is posted through B right after the 201
            HooklineClient.Response posted = apiB.post("/v4/events", "{\"type\": \"acronym.created\", \"data\": {\"acronym\": {\"id\": \"a-"
                    + round + "\", \"term\": \"R" + round + "\", \"title\": \"t\", \"description\": \"d\", \"categories\": [], \"created_by\": \"u_1\"}}}");
            assertThat(posted.status()).as("event accepted: %s", posted.body()).isEqualTo(202);

            // then B shows the webhook as A answered it, and the event reaches it with its header in clear
            HooklineClient.Response shown = apiB.get("/v4/webhooks/" + id);
            assertThat(shown.status()).isEqualTo(200);
            assertThat(shown.data().path("headers").path("Authorization").asString()).isEqualTo("Bearer round-" + round);
            int r = round;
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> receiver.requests(path).stream()
                    .anyMatch(req -> "acronym.created".equals(req.header("x-define-event"))));
            assertThat(receiver.requests(path)).allSatisfy(req -> assertThat(req.header("authorization")).isEqualTo("Bearer round-" + r));
        }
    }
}
