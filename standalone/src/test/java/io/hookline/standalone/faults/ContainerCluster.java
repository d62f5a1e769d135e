package io.hookline.standalone.faults;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.Uuid;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Network;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;

/**
 * A 3-node KRaft cluster of {@code apache/kafka} containers (each node broker and controller, as
 * {@code EmbeddedKafka.startCluster} in process), for the fault test where a Docker engine exists. A
 * "stopped" broker is a paused container: {@code docker stop}/{@code start} may give the container other
 * host ports, which the clients' bootstrap list would then no longer name.
 */
final class ContainerCluster implements FaultScenario.Cluster, AutoCloseable {

    static final String IMAGE = "apache/kafka:4.3.1";

    private final Network network = Network.newNetwork();
    private final List<KafkaContainer> brokers;

    ContainerCluster(int size) {
        String clusterId = Uuid.randomUuid().toString();
        String voters = IntStream.rangeClosed(1, size).mapToObj(i -> i + "@broker-" + i + ":9094").collect(Collectors.joining(","));
        String internalReplicas = String.valueOf(Math.min(3, size));
        this.brokers = IntStream.rangeClosed(1, size).mapToObj(i -> new KafkaContainer(IMAGE)
                .withNetwork(network)
                .withNetworkAliases("broker-" + i)
                .withEnv("CLUSTER_ID", clusterId)
                .withEnv("KAFKA_NODE_ID", String.valueOf(i))
                .withEnv("KAFKA_CONTROLLER_QUORUM_VOTERS", voters)
                .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", internalReplicas)
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", internalReplicas)
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
                .withEnv("KAFKA_MESSAGE_MAX_BYTES", "16777216")
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withStartupTimeout(Duration.ofMinutes(3))).toList();
        // a quorum elects a leader only once a majority runs: start them together
        Startables.deepStart(brokers).join();
    }

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    @Override
    public String bootstrapServers() {
        return brokers.stream().map(KafkaContainer::getBootstrapServers).collect(Collectors.joining(","));
    }

    @Override
    public void stopBroker(int id) {
        DockerClientFactory.instance().client().pauseContainerCmd(brokers.get(id - 1).getContainerId()).exec();
    }

    @Override
    public void startBroker(int id) {
        DockerClientFactory.instance().client().unpauseContainerCmd(brokers.get(id - 1).getContainerId()).exec();
    }

    @Override
    public void close() {
        brokers.forEach(KafkaContainer::stop);
        network.close();
    }
}
