package io.hookline.standalone.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.standalone.HooklineClient;
import io.hookline.standalone.Standalone;
import io.hookline.testsupport.TestReceiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The whole platform for the console's browser tests: gateway, router, deliverer and the embedded
 * broker ({@link Standalone}), a real HTTPS receiver it trusts, the owner's API client and a browser.
 */
final class ConsolePlatform implements AutoCloseable {

    final TestReceiver receiver;
    final Standalone hookline;
    final HooklineClient owner;
    final String ownerKey;
    final Browser browser;

    private ConsolePlatform(TestReceiver receiver, Standalone hookline, String ownerKey, Browser browser) {
        this.receiver = receiver;
        this.hookline = hookline;
        this.ownerKey = ownerKey;
        this.owner = new HooklineClient(hookline.baseUrl(), ownerKey);
        this.browser = browser;
    }

    static ConsolePlatform start(Path data) throws IOException {
        TestReceiver receiver = TestReceiver.https();
        Standalone hookline = Standalone.start(Map.of("hookline.data-dir", data.toString(),
                "server.port", "0",
                "hookline.embedded-kafka.port", "0",
                "hookline.delivery.allowed-cidrs", "127.0.0.0/8",
                "hookline.delivery.extra-ca-certs", receiver.caCertificatePem().toString(),
                "hookline.delivery.timeout", "5s",
                "hookline.gateway.webhooks.verification-timeout", "30s"));
        String key = Files.readString(data.resolve("owner.key")).trim();
        return new ConsolePlatform(receiver, hookline, key, Browser.start(hookline.baseUrl()));
    }

    /** A new user of the owner's team with this role; their API key. */
    String user(String role) {
        HooklineClient.Response created = owner.post("/v4/users", "{\"email\": \"" + role + "-" + UUID.randomUUID() + "@example.com\", \"role\": \"" + role + "\"}");
        assertThat(created.status()).as("user created: %s", created.body()).isEqualTo(201);
        return created.data().path("apiKey").asString();
    }

    /** A webhook made through the API (for tests of other screens than Create); its id. */
    String webhook(String path, String events) {
        HooklineClient.Response created = owner.post("/v4/webhooks", "{\"url\": \"" + receiver.url(path) + "\", \"events\": " + events + "}");
        assertThat(created.status()).as("created: %s", created.body()).isEqualTo(201);
        return created.data().path("id").asString();
    }

    void publish(String type) {
        String sample = null;
        for (JsonNode t : owner.get("/v4/event-types").data()) {
            if (t.path("type").asString().equals(type)) {
                sample = t.path("sample").toString();
            }
        }
        HooklineClient.Response response = owner.post("/v4/events", "{\"type\": \"" + type + "\", \"data\": " + sample + "}");
        assertThat(response.status()).as("event accepted: %s", response.body()).isEqualTo(202);
    }

    long received(String path, String eventType) {
        return receiver.requests(path).stream().filter(r -> eventType.equals(r.header("x-define-event"))).count();
    }

    static String path() {
        return "/hooks/" + UUID.randomUUID();
    }

    @Override
    public void close() throws IOException {
        try {
            browser.close();
        } finally {
            hookline.close();
            receiver.close();
        }
    }
}
