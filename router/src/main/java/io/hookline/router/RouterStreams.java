package io.hookline.router;

import io.hookline.router.routing.RouterTopology;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Replication;
import io.hookline.schemas.topics.TopicCreator;
import io.hookline.schemas.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the router's Kafka Streams application as part of the Spring lifecycle: creates the catalog's
 * topics, checks the joined topics are co-partitioned, starts the streams, and on stop closes them,
 * which commits what was processed (what was not is re-read on the next start).
 */
final class RouterStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RouterStreams.class);
    private static final Duration TOPIC_TIMEOUT = TopicCreator.TIMEOUT;

    private final KafkaConnection connection;
    private final RouterProperties settings;
    private final RouterTopology topology;
    private volatile KafkaStreams streams;

    RouterStreams(KafkaConnection connection, RouterProperties settings, RouterTopology topology) {
        this.connection = connection;
        this.settings = settings;
        this.topology = topology;
    }

    @Override
    public synchronized void start() {
        if (streams != null) {
            return;
        }
        Replication replication;
        try (Admin admin = Admin.create(adminConfig(connection))) {
            TopicCreator.ensureTopics(admin, connection.replicationFactor(), TOPIC_TIMEOUT);
            requireCoPartitioned(admin);
            replication = TopicCreator.replication(admin, connection.replicationFactor(), TOPIC_TIMEOUT);
        }
        Properties config = RouterStreamsConfig.of(connection, settings, replication);
        // a fresh topology and streams per start: a closed KafkaStreams cannot be started again
        KafkaStreams started = new KafkaStreams(topology.build(), config);
        started.setUncaughtExceptionHandler(e -> {
            // A thread dies only on what the dead-letter handlers could not absorb (the cluster, not
            // a record); a fresh thread resumes from the last commit instead of taking the app down.
            log.error("Router stream thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        started.setStateListener((now, before) -> log.info("Router streams {} -> {}", before, now));
        started.start();
        streams = started;
        log.info("Router started: application id {}, state in {}", settings.applicationId(), settings.stateDir());
    }

    @Override
    public synchronized void stop() {
        KafkaStreams running = streams;
        if (running == null) {
            return;
        }
        // Leave the group: Streams otherwise stays a member until its session times out (45 s), and a
        // restarted router (or the remaining instances) would wait that long before routing again.
        CloseOptions options = CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(settings.closeTimeout());
        if (!running.close(options)) {
            log.warn("Router streams did not stop within {}", settings.closeTimeout());
        }
        streams = null;
    }

    @Override
    public boolean isRunning() {
        return streams != null;
    }

    /** UP while the streams run or rebalance; DOWN before start, after stop, and on error. */
    Health health() {
        KafkaStreams current = streams;
        if (current == null) {
            return Health.down().withDetail("state", "NOT_STARTED").build();
        }
        KafkaStreams.State state = current.state();
        Health.Builder health = state.isRunningOrRebalancing() ? Health.up() : Health.down();
        return health.withDetail("state", state.name()).withDetail("applicationId", settings.applicationId()).build();
    }

    /**
     * {@link KafkaConnection#admin()} sets {@code default.api.timeout.ms} to 15 s but leaves
     * {@code request.timeout.ms} at its 30 s default, a pair the admin client refuses; until schemas
     * sets both, the request timeout is lowered to match here (an explicit setting wins).
     */
    private static Map<String, Object> adminConfig(KafkaConnection connection) {
        Map<String, Object> config = new HashMap<>(connection.admin());
        Object apiTimeout = config.get(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
        if (apiTimeout != null) {
            config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, apiTimeout);
        }
        return config;
    }

    /**
     * The join is per partition: if the two topics had different partition counts, a tenant's events
     * and webhooks would meet in different tasks and deliveries would silently go missing.
     */
    private static void requireCoPartitioned(Admin admin) {
        String events = Topics.EVENTS.name();
        String webhooks = Topics.WEBHOOKS.name();
        try {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(events, webhooks)).allTopicNames()
                    .get(TOPIC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            int eventPartitions = topics.get(events).partitions().size();
            int webhookPartitions = topics.get(webhooks).partitions().size();
            if (eventPartitions != webhookPartitions) {
                throw new IllegalStateException(events + " has " + eventPartitions + " partitions but " + webhooks
                        + " has " + webhookPartitions + "; the router joins them partition by partition, so they must match");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking the router's topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not describe the router's topics: " + e.getMessage(), e);
        }
    }
}
