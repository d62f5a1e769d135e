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
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the catalog's topics that do not exist yet; every component calls it at start-up. */
public final class TopicCreator {

    private static final Logger log = LoggerFactory.getLogger(TopicCreator.class);

    private TopicCreator() {
    }

    public static void ensureTopics(Admin admin, Duration timeout) {
        ensureTopics(admin, Topics.all(), timeout);
    }

    public static void ensureTopics(Admin admin, Collection<Topic<?, ?>> topics, Duration timeout) {
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(Topic::newTopic)
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            CreateTopicsResult result = admin.createTopics(missing);
            for (NewTopic topic : missing) {
                try {
                    result.values().get(topic.name()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    log.info("Created topic {} with {} partitions", topic.name(), topic.numPartitions());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
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
}
