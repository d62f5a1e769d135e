package io.hookline.standalone;

import io.hookline.embedded.EmbeddedKafka;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The whole platform in one JVM: an embedded single-node Kafka broker (unless a cluster is given)
 * and the gateway, router and deliverer wired by {@link StandaloneConfiguration}. Closing it stops
 * the components first and the broker last, so nothing is cut off mid-write.
 */
public final class Standalone implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Standalone.class);

    private final EmbeddedKafka broker;
    private final ConfigurableApplicationContext context;

    private Standalone(EmbeddedKafka broker, ConfigurableApplicationContext context) {
        this.broker = broker;
        this.context = context;
    }

    /**
     * Starts the platform.
     *
     * @param overrides properties that win over everything else (tests use them)
     * @param args command-line arguments ({@code --server.port=8081} …)
     */
    public static Standalone start(Map<String, Object> overrides, String... args) {
        return start(overrides, false, args);
    }

    /**
     * Starts the platform.
     *
     * @param quiet print a dozen lines and the warnings, with the full log in {@code data/logs/hookline.log}
     *              (what {@code ./hookline up} does unless given {@code --verbose}; see {@link QuietConsole})
     */
    public static Standalone start(Map<String, Object> overrides, boolean quiet, String... args) {
        return start(overrides, quiet, context -> { }, args);
    }

    /**
     * Starts the platform with beans of the caller's registered first (a test's in-memory OpenTelemetry).
     *
     * @param beans registers them in the application context before the components are configured
     */
    static Standalone start(Map<String, Object> overrides, ApplicationContextInitializer<ConfigurableApplicationContext> beans) {
        return start(overrides, false, beans);
    }

    private static Standalone start(Map<String, Object> overrides, boolean quiet,
                                    ApplicationContextInitializer<ConfigurableApplicationContext> beans, String... args) {
        long started = System.nanoTime();
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        environment.getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource("overrides", overrides));
        Path dataDir = Path.of(environment.getProperty("hookline.data-dir", "./data"));
        // a key given by configuration wins; otherwise the embedded default keeps its own under ./data
        String configuredKey = environment.getProperty("hookline.secrets.key");
        DataDirectory data = configuredKey == null ? DataDirectory.prepare(dataDir) : DataDirectory.withKey(dataDir, configuredKey);

        Map<String, Object> defaults = new HashMap<>();
        defaults.put("hookline.data-dir", data.root().toString());
        defaults.put("hookline.secrets.key", data.secretsKey());
        defaults.put("hookline.router.state-dir", data.root().resolve("router").toString());
        defaults.put("hookline.gateway.bootstrap.enabled", "true");
        defaults.put("hookline.gateway.bootstrap.owner-key-file", data.root().resolve("owner.key").toString());

        if (quiet) {
            Path logFile = QuietConsole.logFile(data.root());
            QuietConsole.beforeSpring(logFile);
            defaults.putAll(QuietConsole.springProperties(logFile));
            System.out.printf("Starting Hookline: data in %s, full log in %s%n", data.root().toAbsolutePath().normalize(),
                    logFile.toAbsolutePath().normalize());
        }

        EmbeddedKafka broker = null;
        String cluster = environment.getProperty("hookline.kafka.bootstrap-servers", environment.getProperty("KAFKA_BOOTSTRAP_SERVERS"));
        if (cluster == null || cluster.isBlank()) {
            int port = Integer.parseInt(environment.getProperty("hookline.embedded-kafka.port", "9092"));
            broker = EmbeddedKafka.start(data.root().resolve("kafka"), port);
            defaults.put("hookline.kafka.bootstrap-servers", broker.bootstrapServers());
            if (quiet) {
                System.out.println("Kafka broker listening on " + broker.bootstrapServers());
            }
        } else {
            defaults.put("hookline.kafka.bootstrap-servers", cluster);
            log.info("Using the Kafka cluster at {}; no embedded broker started", cluster);
        }
        if (quiet) {
            System.out.println("Starting the gateway, router, deliverer and executor…");
        }
        try {
            ConfigurableApplicationContext context = new SpringApplicationBuilder(StandaloneConfiguration.class)
                    .web(WebApplicationType.REACTIVE)
                    .properties(defaults)
                    .registerShutdownHook(false)
                    .initializers(ctx -> ctx.getEnvironment().getPropertySources()
                            .addFirst(new org.springframework.core.env.MapPropertySource("overrides", overrides)), beans)
                    .run(args);
            Standalone standalone = new Standalone(broker, context);
            System.out.printf("%nHookline is up at %s (started in %.1f s; data in %s)%nAdmin console: %s/admin%n%n", standalone.baseUrl(),
                    (System.nanoTime() - started) / 1e9, data.root().toAbsolutePath().normalize(), standalone.baseUrl());
            return standalone;
        } catch (RuntimeException e) {
            if (broker != null) {
                broker.close();
            }
            throw e;
        }
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public String baseUrl() {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    public String bootstrapServers() {
        return context.getEnvironment().getProperty("hookline.kafka.bootstrap-servers");
    }

    @Override
    public void close() {
        context.close();
        if (broker != null) {
            broker.close();
        }
    }
}
