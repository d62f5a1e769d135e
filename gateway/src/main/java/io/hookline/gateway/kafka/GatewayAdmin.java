package io.hookline.gateway.kafka;

import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.TopicCreator;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The gateway's admin client: creates the catalog's topics at start-up and answers health checks.
 * Topic creation runs in the background and is retried, so the gateway comes up (answering 503
 * and reporting DOWN) while Kafka is unreachable instead of failing to start.
 */
public final class GatewayAdmin implements SmartLifecycle, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GatewayAdmin.class);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final Admin admin;
    private final int phase;
    private final int replicationFactor;
    private final CompletableFuture<Void> topicsReady = new CompletableFuture<>();
    private volatile boolean running;
    private Thread thread;

    public GatewayAdmin(KafkaConnection connection, int phase) {
        var props = connection.admin();
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "hookline-gateway-admin");
        this.admin = Admin.create(props);
        this.phase = phase;
        this.replicationFactor = connection.replicationFactor();
    }

    /** Completes once the catalog's topics exist. */
    public CompletableFuture<Void> topicsReady() {
        return topicsReady.copy();
    }

    /** The offset the next record of this partition will get (its end), as the leader says now. */
    public CompletableFuture<Long> endOffset(String topic, int partition) {
        TopicPartition tp = new TopicPartition(topic, partition);
        return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp)
                .thenApply(ListOffsetsResult.ListOffsetsResultInfo::offset)
                .toCompletionStage().toCompletableFuture();
    }

    /** The cluster id, or an exception saying why the cluster did not answer within the timeout. */
    public String clusterId(Duration timeout) throws ExecutionException, InterruptedException, TimeoutException {
        DescribeClusterResult result = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
        return result.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::createTopics, "hookline-gateway-topics");
        thread.setDaemon(true);
        thread.start();
    }

    private void createTopics() {
        while (running) {
            try {
                TopicCreator.ensureTopics(admin, replicationFactor);
                topicsReady.complete(null);
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Cannot create the catalog's topics yet; retrying in {}: {}", RETRY, e.getMessage());
            }
            try {
                Thread.sleep(RETRY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return phase;
    }

    /** Does not wait for calls in flight: they are topic creation and health checks, both pointless at shutdown. */
    @Override
    public void close() {
        admin.close(Duration.ZERO);
    }
}
