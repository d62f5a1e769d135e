package io.hookline.standalone.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.standalone.HooklineClient;
import io.hookline.standalone.Standalone;
import io.hookline.testsupport.TestFiles;
import io.hookline.testsupport.TestReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.JsonNode;

/**
 * The whole platform for the console's browser tests, one per test class
 * ({@code @RegisterExtension static final ConsolePlatform platform = new ConsolePlatform();}): gateway,
 * router, deliverer, executor and the embedded broker ({@link Standalone}), a real HTTPS receiver it
 * trusts, the owner's API client, and a browser whose cookies are cleared before each test.
 */
final class ConsolePlatform implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    TestReceiver receiver;
    Standalone hookline;
    HooklineClient owner;
    String ownerKey;
    Browser browser;
    private Path data;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        data = Files.createTempDirectory("hookline-console-");
        receiver = TestReceiver.https();
        hookline = Standalone.start(Map.of("hookline.data-dir", data.toString(),
                "server.port", "0",
                "hookline.embedded-kafka.port", "0",
                "hookline.delivery.allowed-cidrs", "127.0.0.0/8",
                "hookline.delivery.extra-ca-certs", receiver.caCertificatePem().toString(),
                "hookline.delivery.timeout", "5s",
                "hookline.gateway.webhooks.verification-timeout", "30s"));
        ownerKey = Files.readString(data.resolve("owner.key")).trim();
        owner = new HooklineClient(hookline.baseUrl(), ownerKey);
        browser = Browser.start(hookline.baseUrl());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        browser.driver().manage().deleteAllCookies();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (hookline != null) {
                hookline.close();
            }
            if (receiver != null) {
                receiver.close();
            }
            TestFiles.deleteRecursively(data);
        }
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
}
