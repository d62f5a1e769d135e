package io.hookline.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/** One combined broker and controller of an {@link EmbeddedKafka}; a stopped node can be started again. */
final class KafkaNode {

    private final int nodeId;
    private final Path logDir;
    private final int brokerPort;
    private final KafkaConfig config;
    private final String clusterId;
    private KafkaRaftServer server;

    KafkaNode(int nodeId, Path logDir, int brokerPort, int controllerPort, String voters, int clusterSize, String clusterId) {
        this.nodeId = nodeId;
        this.logDir = logDir;
        this.brokerPort = brokerPort;
        this.clusterId = clusterId;
        this.config = new KafkaConfig(properties(nodeId, logDir, brokerPort, controllerPort, voters, clusterSize), false);
    }

    synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the embedded broker's data directory " + logDir, e);
        }
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format();
        }
        KafkaRaftServer started = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            started.startup();
        } catch (RuntimeException e) {
            // stop the threads a half-started server leaves behind, or they keep the JVM alive
            started.shutdown();
            started.awaitShutdown();
            throw e;
        }
        server = started;
    }

    synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    String bootstrapServer() {
        return "localhost:" + brokerPort;
    }

    Path logDir() {
        return logDir;
    }

    private void format() {
        try {
            new Formatter()
                    .setNodeId(nodeId)
                    .setClusterId(clusterId)
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .addDirectory(logDir.toString())
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format the embedded broker's storage in " + logDir, e);
        }
    }

    private static Properties properties(int nodeId, Path logDir, int brokerPort, int controllerPort, String voters, int clusterSize) {
        // Internal topics replicated as a production cluster would (3 copies, 2 in sync), or as far as the nodes allow.
        String replicas = Integer.toString(Math.min(3, clusterSize));
        String minInSync = Integer.toString(clusterSize >= 3 ? 2 : 1);
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(nodeId));
        p.put("controller.quorum.voters", voters);
        p.put("listeners", "PLAINTEXT://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", replicas);
        p.put("offsets.topic.replication.factor", replicas);
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", replicas);
        p.put("transaction.state.log.min.isr", minInSync);
        p.put("transaction.state.log.num.partitions", "6");
        p.put("share.coordinator.state.topic.replication.factor", replicas);
        p.put("share.coordinator.state.topic.min.isr", minInSync);
        p.put("group.initial.rebalance.delay.ms", "0");
        // Payloads up to the gateway's 10 MiB limit must pass (the catalog sets the same per topic).
        p.put("message.max.bytes", Integer.toString(16 * 1024 * 1024));
        p.put("replica.fetch.max.bytes", Integer.toString(16 * 1024 * 1024));
        p.put("auto.create.topics.enable", "false");
        return p;
    }
}
