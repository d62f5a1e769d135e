package io.hookline.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.testsupport.TestReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data survives a restart: a webhook made before it still delivers after it, with the same owner key. */
class StandaloneRestartIT {

    @TempDir
    Path data;

    @Test
    void shouldStillDeliverToAWebhookCreatedBeforeTheRestart() throws Exception {
        try (TestReceiver receiver = TestReceiver.https()) {
            String path = "/hooks/" + UUID.randomUUID();
            String ownerKey;
            String webhookId;
            try (Standalone first = Standalone.start(StandaloneIT.testProperties(data, receiver))) {
                ownerKey = Files.readString(data.resolve("owner.key")).trim();
                HooklineClient.Response created = new HooklineClient(first.baseUrl(), ownerKey).post("/v4/webhooks",
                        "{\"url\": \"" + receiver.url(path) + "\", \"events\": [\"category.created\"]}");
                assertThat(created.status()).isEqualTo(201);
                webhookId = created.body().path("data").path("id").asString();
            }

            try (Standalone second = Standalone.start(StandaloneIT.testProperties(data, receiver))) {
                HooklineClient client = new HooklineClient(second.baseUrl(), ownerKey);
                assertThat(Files.readString(data.resolve("owner.key")).trim()).isEqualTo(ownerKey);
                assertThat(client.get("/v4/webhooks/" + webhookId).status()).isEqualTo(200);

                HooklineClient.Response accepted = client.post("/v4/events", "{\"type\": \"category.created\", \"data\": "
                        + "{\"category\": {\"id\": \"cat_1\", \"name\": \"Finance\", \"color\": \"#00FF00\", \"created_by\": \"user_1\"}}}");

                assertThat(accepted.status()).isEqualTo(202);
                Awaitility.await().atMost(Duration.ofSeconds(60))
                        .until(() -> !StandaloneIT.requests(receiver, path, "category.created").isEmpty());
                assertThat(HooklineClient.parse(StandaloneIT.requests(receiver, path, "category.created").get(0).body())
                        .path("webhook_id").asString()).isEqualTo(webhookId);
            }
        }
    }
}
