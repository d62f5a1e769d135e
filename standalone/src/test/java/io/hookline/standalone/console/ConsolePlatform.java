package io.hookline.standalone.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.standalone.HooklineClient;
import io.hookline.standalone.Standalone;
import io.hookline.testsupport.TestCertificates;
import io.hookline.testsupport.TestFiles;
import io.hookline.testsupport.TestReceiver;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.JsonNode;

/**
 * The whole platform for the console's browser tests, one per test class
 * ({@code @RegisterExtension static final ConsolePlatform platform = new ConsolePlatform();}): gateway,
 * router, deliverer, executor and the embedded broker ({@link Standalone}), a real HTTPS receiver it
 * trusts, the owner's API client, and a browser whose cookies are cleared before each test. Over plain
 * HTTP on {@code localhost} by default; {@link #overHttps} serves the platform over HTTPS on
 * {@code 127.0.0.1} with a test certificate that the client and the browser trust.
 */
final class ConsolePlatform implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    TestReceiver receiver;
    Standalone hookline;
    HooklineClient owner;
    String ownerKey;
    Browser browser;
    /** Where the console is: {@code http://localhost:port}, or {@code https://127.0.0.1:port} over HTTPS. */
    String baseUrl;
    private final Map<String, String> settings;
    private final TestCertificates certificate;
    private Path data;

    ConsolePlatform() {
        this(Map.of(), null);
    }

    private ConsolePlatform(Map<String, String> settings, TestCertificates certificate) {
        this.settings = settings;
        this.certificate = certificate;
    }

    /** The platform served over HTTPS (Spring Boot's {@code server.ssl.*}), with these settings on top. */
    static ConsolePlatform overHttps(Map<String, String> settings) {
        return new ConsolePlatform(settings, TestCertificates.selfSigned());
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        data = Files.createTempDirectory("hookline-console-");
        receiver = TestReceiver.https();
        Map<String, Object> all = new HashMap<>(Map.of("hookline.data-dir", data.toString(),
                "server.port", "0",
                "hookline.embedded-kafka.port", "0",
                "hookline.delivery.allowed-cidrs", "127.0.0.0/8",
                "hookline.delivery.extra-ca-certs", receiver.caCertificatePem().toString(),
                "hookline.delivery.timeout", "5s",
                "hookline.gateway.webhooks.verification-timeout", "30s"));
        all.putAll(settings);
        if (certificate != null) {
            all.put("server.ssl.certificate", "file:" + certificate.pemFile());
            all.put("server.ssl.certificate-private-key", "file:" + privateKeyPem(data));
        }
        hookline = Standalone.start(all);
        ownerKey = Files.readString(data.resolve("owner.key")).trim();
        String port = hookline.context().getEnvironment().getProperty("local.server.port");
        baseUrl = certificate == null ? hookline.baseUrl() : "https://127.0.0.1:" + port;
        owner = certificate == null ? new HooklineClient(baseUrl, ownerKey) : new HooklineClient(baseUrl, ownerKey, trustingClient());
        browser = Browser.start(baseUrl, certificate != null);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        // every site's cookies, not only the current page's: a test may have left the browser on another site
        browser.driver().executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    /** The test certificate's private key as PKCS#8 PEM, next to the platform's data. */
    private Path privateKeyPem(Path directory) throws java.io.IOException {
        Path file = directory.resolve("tls-key.pem");
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.keyPair().getPrivate().getEncoded());
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n");
        return file;
    }

    /** An HTTP client that trusts the platform's test certificate, and nothing else. */
    private HttpClient trustingClient() throws GeneralSecurityException, java.io.IOException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("hookline", certificate.certificate());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trustManagers.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
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
