package io.hookline.testsupport;

import io.hookline.embedded.EmbeddedKafka;
import io.hookline.schemas.topics.TopicCreator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * One real single-node KRaft broker per test JVM, started on first use with the catalog's topics
 * created, and stopped when the JVM exits. Tests share its topics, so each test filters what it
 * reads by ids it made itself.
 */
public final class SharedKafka {

    private static EmbeddedKafka kafka;

    private SharedKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (kafka == null) {
            kafka = start();
        }
        return kafka.bootstrapServers();
    }

    private static EmbeddedKafka start() {
        try {
            Path dir = Files.createTempDirectory("hookline-test-kafka");
            EmbeddedKafka started = EmbeddedKafka.start(dir.resolve("kafka"), 0);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                TestFiles.deleteRecursively(dir);
            }, "shared-kafka-stop"));
            try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", started.bootstrapServers()))) {
                TopicCreator.ensureTopics(admin, 0, Duration.ofSeconds(30));
            }
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
