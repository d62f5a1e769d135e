package io.hookline.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real KRaft Kafka running in this JVM: the same server classes {@code kafka-server-start.sh} runs,
 * from the Kafka jars on Maven Central. {@link #start} is the embedded default, one node that is both
 * broker and controller; {@link #startCluster} starts several such combined nodes that form one
 * cluster (a controller quorum of all of them, topics replicated across them), for trying out and
 * testing Hookline as it runs in production. Storage is formatted on first start (as
 * {@code kafka-storage.sh format} does) and reused after.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final List<KafkaNode> nodes;

    private EmbeddedKafka(List<KafkaNode> nodes) {
        this.nodes = nodes;
    }

    /**
     * Starts a single-node broker whose data lives in {@code logDir}.
     *
     * @param port the client port on localhost, or 0 for any free port
     */
    public static EmbeddedKafka start(Path logDir, int port) {
        return start(List.of(logDir), port == 0 ? freePorts(1, List.of()) : List.of(port));
    }

    /**
     * Starts a cluster of {@code size} combined broker-controller nodes, node {@code i} (from 1) with its
     * data in {@code dataDir/node-i} and its client port {@code basePort + i - 1} on localhost (any free
     * ports when {@code basePort} is 0).
     */
    public static EmbeddedKafka startCluster(Path dataDir, int basePort, int size) {
        if (size < 1 || size > 9) {
            throw new IllegalArgumentException("A cluster has from 1 to 9 nodes, not " + size);
        }
        List<Path> dirs = IntStream.rangeClosed(1, size).mapToObj(i -> dataDir.resolve("node-" + i)).toList();
        List<Integer> ports = basePort == 0 ? freePorts(size, List.of()) : IntStream.range(0, size).mapToObj(i -> basePort + i).toList();
        return start(dirs, ports);
    }

    private static EmbeddedKafka start(List<Path> dirs, List<Integer> brokerPorts) {
        long started = System.nanoTime();
        List<Integer> controllerPorts = freePorts(brokerPorts.size(), brokerPorts);
        String voters = IntStream.range(0, dirs.size())
                .mapToObj(i -> (i + 1) + "@localhost:" + controllerPorts.get(i))
                .collect(Collectors.joining(","));
        String clusterId = existingClusterId(dirs);
        List<KafkaNode> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < dirs.size(); i++) {
                nodes.add(new KafkaNode(i + 1, dirs.get(i), brokerPorts.get(i), controllerPorts.get(i), voters, dirs.size(), clusterId));
            }
            // a quorum of several controllers elects a leader only once a majority runs: start them together
            atOnce(nodes, KafkaNode::start);
        } catch (RuntimeException e) {
            nodes.forEach(KafkaNode::stop);
            throw new IllegalStateException("The embedded Kafka broker did not start on port(s) " + brokerPorts
                    + " (is another broker or Hookline already running? set hookline.embedded-kafka.port): " + e.getMessage(), e);
        }
        EmbeddedKafka kafka = new EmbeddedKafka(nodes);
        if (nodes.size() > 1) {
            kafka.awaitEveryBroker(Duration.ofSeconds(60));
        }
        log.info("Embedded Kafka ({} node{}) listening on {} with data in {} (started in {} ms)", nodes.size(),
                nodes.size() == 1 ? "" : "s", kafka.bootstrapServers(), dirs.size() == 1 ? dirs.get(0) : dirs.get(0).getParent(),
                (System.nanoTime() - started) / 1_000_000);
        return kafka;
    }

    /**
     * Waits until every node's metadata lists every broker. A node's start returns once it is itself
     * registered, but the others learn of it a moment later; a client that connected in between would
     * see fewer brokers, and Hookline chooses its topics' replication factor from that count.
     */
    private void awaitEveryBroker(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (KafkaNode node : nodes) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, node.bootstrapServer()))) {
                while (admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size() < nodes.size()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Broker " + node.bootstrapServer() + " did not see all " + nodes.size()
                                + " brokers of the cluster within " + timeout);
                    }
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the cluster's brokers", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Broker " + node.bootstrapServer() + " did not describe the cluster: " + e.getMessage(), e);
            }
        }
    }

    /** Every node's client address, comma-separated. */
    public String bootstrapServers() {
        return nodes.stream().map(KafkaNode::bootstrapServer).collect(Collectors.joining(","));
    }

    /** The data directory of the first node (the only one of the embedded default). */
    public Path logDir() {
        return nodes.get(0).logDir();
    }

    public int size() {
        return nodes.size();
    }

    /** Stops node {@code nodeId} (from 1) cleanly, as a rolling restart or a failed broker would; the rest keep serving. */
    public void stopNode(int nodeId) {
        nodes.get(nodeId - 1).stop();
    }

    /** Starts a stopped node again on its data directory and ports. */
    public void startNode(int nodeId) {
        nodes.get(nodeId - 1).start();
    }

    /** Stops every node cleanly, so the next start on the same directories needs no log recovery. */
    @Override
    public void close() {
        atOnce(nodes, KafkaNode::stop);
        log.info("Embedded Kafka stopped");
    }

    /**
     * Runs the action on every node at once, each on a thread of its own that inherits this thread's
     * class loader (Kafka loads plugin classes through it: the common fork-join pool's threads would not
     * find them inside the executable jar), and rethrows the first failure.
     */
    private static void atOnce(List<KafkaNode> nodes, java.util.function.Consumer<KafkaNode> action) {
        if (nodes.size() == 1) {
            action.accept(nodes.get(0));
            return;
        }
        List<RuntimeException> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = nodes.stream().map(node -> new Thread(() -> {
            try {
                action.accept(node);
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }, "hookline-embedded-kafka-node")).toList();
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while starting or stopping the brokers", e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    // All nodes of one cluster share its id; a restart keeps the id the storage was formatted with.
    private static String existingClusterId(List<Path> dirs) {
        for (Path dir : dirs) {
            Path meta = dir.resolve("meta.properties");
            if (Files.exists(meta)) {
                try (var reader = Files.newBufferedReader(meta)) {
                    java.util.Properties properties = new java.util.Properties();
                    properties.load(reader);
                    String id = properties.getProperty("cluster.id");
                    if (id != null) {
                        return id;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + meta, e);
                }
            }
        }
        return Uuid.randomUuid().toString();
    }

    /**
     * {@code count} distinct free ports, none of them in {@code taken}. Every socket stays open until all
     * are chosen: one closed before the next is asked for can be handed out again, and a node whose
     * client and controller listeners got the same port does not start (seen in the suite).
     */
    public static List<Integer> freePorts(int count, List<Integer> taken) {
        List<ServerSocket> open = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            while (ports.size() < count) {
                ServerSocket socket = new ServerSocket(0);
                open.add(socket);
                if (!taken.contains(socket.getLocalPort())) {
                    ports.add(socket.getLocalPort());
                }
            }
            return List.copyOf(ports);
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on this machine", e);
        } finally {
            for (ServerSocket socket : open) {
                try {
                    socket.close();
                } catch (IOException e) {
                    log.debug("Closing a port probe: {}", e.toString());
                }
            }
        }
    }
}
