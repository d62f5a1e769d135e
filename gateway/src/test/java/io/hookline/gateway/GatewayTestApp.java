package io.hookline.gateway;

import static org.awaitility.Awaitility.await;

import io.hookline.schemas.avro.RoleSymbol;
import io.hookline.schemas.principal.ApiKey;
import io.hookline.gateway.bootstrap.OwnerBootstrap;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.gateway.openapi.OpenApiDocument;
import io.hookline.schemas.Ids;
import io.hookline.schemas.avro.Principal;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.SharedKafka;
import io.hookline.testsupport.TestFiles;
import io.hookline.testsupport.TestKafka;
import io.hookline.testsupport.openapi.ContractFilters;
import io.hookline.testsupport.openapi.OpenApiContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The real gateway application ({@link GatewayApplication}) on a random port, for integration tests.
 * {@link #shared()} is one instance per test JVM on the {@link SharedKafka} broker, with the
 * bootstrap owner, loopback allowed for webhooks and a 1 MB request limit.
 */
final class GatewayTestApp implements AutoCloseable {

    static final String SECRETS_KEY = SecretCipher.generateKey();
    static final long MAX_REQUEST_BYTES = 1024 * 1024;
    /** Every answer an integration test receives from a gateway is checked against the OpenAPI document (issue 14). */
    static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath(OpenApiDocument.RESOURCE);

    private static GatewayTestApp shared;

    private final ConfigurableApplicationContext context;
    private final Path dataDir;

    private GatewayTestApp(ConfigurableApplicationContext context, Path dataDir) {
        this.context = context;
        this.dataDir = dataDir;
    }

    static synchronized GatewayTestApp shared() {
        if (shared == null) {
            Path dataDir = tempDir();
            Map<String, String> props = new HashMap<>();
            props.put("hookline.kafka.bootstrap-servers", SharedKafka.bootstrapServers());
            props.put("hookline.delivery.allowed-cidrs", "127.0.0.0/8");
            props.put("hookline.gateway.max-request-size", MAX_REQUEST_BYTES + "B");
            props.put("hookline.gateway.bootstrap.enabled", "true");
            // no deliverer here: verification of a new webhook can only time out, so keep that short
            props.put("hookline.gateway.webhooks.verification-timeout", "1s");
            props.put("hookline.gateway.bootstrap.owner-key-file", dataDir.resolve("owner.key").toString());
            shared = start(props, dataDir);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "gateway-test-app-stop"));
        }
        return shared;
    }

    /** A gateway with these properties on top of the test defaults (random port, a fresh secrets key). */
    static GatewayTestApp start(Map<String, String> properties, Path dataDir) {
        Map<String, String> all = new HashMap<>();
        all.put("server.port", "0");
        all.put("hookline.secrets.key", SECRETS_KEY);
        all.putAll(properties);
        // As command-line arguments: they win over the application's own @PropertySource defaults.
        String[] args = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        // event loops of its own: closing a gateway on Reactor Netty's global loops would stop the shared one's too
        ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class, IsolatedGateway.OwnEventLoops.class)
                .registerShutdownHook(false)
                .run(args);
        return new GatewayTestApp(context, dataDir);
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("hookline-gateway-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl(baseUrl()).responseTimeout(Duration.ofSeconds(30))
                .filter(ContractFilters.validating(CONTRACT)).build();
    }

    String ownerKey() {
        return context.getBean(OwnerBootstrap.class).ownerKey().orElseThrow();
    }

    Path ownerKeyFile() {
        return context.getBean(GatewayProperties.class).bootstrap().ownerKeyFile();
    }

    /**
     * Writes a new user straight to the principals topic, as the users API and CLI will, and waits
     * until this gateway knows it.
     *
     * @return the user's API key
     */
    String newUser(String teamId, String role) {
        ApiKey key = ApiKey.generate(Ids.random(Ids.USER));
        Principal principal = new Principal(key.userId(), teamId, key.userId() + "@example.com", RoleSymbol.valueOf(role), key.hash(), Instant.now());
        try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
            producer.send(new ProducerRecord<>(Topics.PRINCIPALS.name(), key.userId(),
                    Topics.PRINCIPALS.valueSerde().serializer().serialize(Topics.PRINCIPALS.name(), principal))).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot publish the principal", e);
        }
        TopicView<?> principals = context.getBean("gatewayPrincipalsView", TopicView.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> principals.get(key.userId()).isPresent());
        return key.value();
    }

    @Override
    public void close() {
        context.close();
        TestFiles.deleteRecursively(dataDir);
    }
}
