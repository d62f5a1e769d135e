package io.hookline.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker (combined broker and controller) running in this JVM: the
 * same server classes {@code kafka-server-start.sh} runs, from the Kafka jars on Maven Central. Its
 * storage is formatted on first start (as {@code kafka-storage.sh format} does) and reused after.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path logDir;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, Path logDir) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.logDir = logDir;
    }

    /**
     * Starts a broker whose data lives in {@code logDir}.
     *
     * @param port the client port on localhost, or 0 for any free port
     */
    public static EmbeddedKafka start(Path logDir, int port) {
        long started = System.nanoTime();
        try {
            Files.createDirectories(logDir);
            int brokerPort = port == 0 ? freePort() : port;
            int controllerPort = freePort();
            KafkaConfig config = new KafkaConfig(properties(logDir, brokerPort, controllerPort), false);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(config, logDir);
            }
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            try {
                server.startup();
            } catch (RuntimeException e) {
                // stop the threads a half-started server leaves behind, or they keep the JVM alive
                server.shutdown();
                server.awaitShutdown();
                throw e;
            }
            String bootstrap = "localhost:" + brokerPort;
            log.info("Embedded Kafka broker listening on {} with data in {} (started in {} ms)",
                    bootstrap, logDir, (System.nanoTime() - started) / 1_000_000);
            return new EmbeddedKafka(server, bootstrap, logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the embedded broker's data directory " + logDir, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("The embedded Kafka broker did not start on port " + port
                    + " (is another broker or Hookline already running? set hookline.embedded-kafka.port): " + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path logDir() {
        return logDir;
    }

    /** Stops the broker cleanly, so the next start on the same directory needs no log recovery. */
    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        log.info("Embedded Kafka broker stopped");
    }

    private static void format(KafkaConfig config, Path logDir) {
        try {
            new Formatter()
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .addDirectory(logDir.toString())
                    .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format the embedded broker's storage in " + logDir, e);
        }
    }

    private static Properties properties(Path logDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "1");
        // A single node: every internal topic has one replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "6");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Payloads up to the gateway's 10 MiB limit must pass (the catalog sets the same per topic).
        p.put("message.max.bytes", Integer.toString(16 * 1024 * 1024));
        p.put("replica.fetch.max.bytes", Integer.toString(16 * 1024 * 1024));
        p.put("auto.create.topics.enable", "false");
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
