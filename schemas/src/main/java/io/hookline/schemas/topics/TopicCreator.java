package io.hookline.schemas.topics;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the catalog's topics that do not exist yet; every component calls it at start-up. Topics get
 * the replication factor {@code hookline.kafka.replication-factor} when it is set, else 3 copies with
 * {@code min.insync.replicas=2} on a cluster of at least 3 brokers (a write survives the loss of one
 * broker, and a second loss stops writes rather than risk losing them), else one copy per broker.
 *
 * <p>The one behaviour every caller gets (six places used to create topics, each its own way):
 * <ul>
 *   <li>a topic that exists is left as it is, also when another component created it a moment ago;
 *   <li>a configured factor the cluster cannot hold (too few brokers) fails with an
 *       {@link IllegalStateException} that names {@code hookline.kafka.replication-factor};
 *   <li>a cluster that does not answer within the timeout ({@link #TIMEOUT} unless given) fails with an
 *       {@link IllegalStateException} too. What to do then is the caller's: the gateway retries in the
 *       background (it must start while Kafka is away), the other components fail their start-up.
 * </ul>
 */
public final class TopicCreator {

    private static final Logger log = LoggerFactory.getLogger(TopicCreator.class);

    /** How long creating the catalog's topics may take at start-up. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TopicCreator() {
    }

    public static void ensureTopics(Admin admin, int replicationFactor) {
        ensureTopics(admin, replicationFactor, TIMEOUT);
    }

    public static void ensureTopics(Admin admin, int replicationFactor, Duration timeout) {
        ensureTopics(admin, Topics.all(), replicationFactor, timeout);
    }

    /** The configured replication, or the default for the cluster's number of brokers when {@code replicationFactor} is 0. */
    public static Replication replication(Admin admin, int replicationFactor, Duration timeout) {
        if (replicationFactor > 0) {
            return Replication.of(replicationFactor);
        }
        try {
            return Replication.forBrokers(admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing the cluster", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not count the cluster's brokers: " + e.getMessage(), e);
        }
    }

    /** @param replicationFactor the copies of each partition, or 0 to choose from the number of brokers */
    public static void ensureTopics(Admin admin, Collection<Topic<?, ?>> topics, int replicationFactor, Duration timeout) {
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<Topic<?, ?>> absent = topics.stream().filter(t -> !existing.contains(t.name())).toList();
            if (absent.isEmpty()) {
                return;
            }
            Replication replication = replication(admin, replicationFactor, timeout);
            List<NewTopic> missing = absent.stream().map(t -> t.newTopic(replication)).toList();
            CreateTopicsResult result = admin.createTopics(missing);
            for (NewTopic topic : missing) {
                try {
                    result.values().get(topic.name()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    log.info("Created topic {} with {} partitions, {} replicas", topic.name(), topic.numPartitions(), topic.replicationFactor());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw failure(e.getCause(), replication);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create the catalog's topics: " + e.getMessage(), e);
        }
    }

    /** Why a topic could not be created, in the words of the setting to change. */
    static IllegalStateException failure(Throwable cause, Replication replication) {
        if (cause instanceof InvalidReplicationFactorException) {
            return new IllegalStateException("Could not create the catalog's topics with " + replication.factor()
                    + " replicas: the cluster has fewer brokers; lower hookline.kafka.replication-factor or set it to 0 "
                    + "to choose from the cluster's size (" + cause.getMessage() + ")", cause);
        }
        return new IllegalStateException("Could not create the catalog's topics: " + cause, cause);
    }
}
