package io.hookline.gateway.webhook;

import io.hookline.gateway.kafka.GatewayAdmin;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition of {@code hookline.webhooks} as its owner holds it: the gateway's view, once it has read
 * the partition to its end (a previous owner's last writes included), overlaid with what this owner wrote
 * since, so that each command is applied to a state that includes the one before it, with no wait for the
 * view to read it back. Nobody else writes the partition while this instance owns it. Used on the
 * commands consumer's thread only.
 */
final class OwnedPartition {

    private static final Logger log = LoggerFactory.getLogger(OwnedPartition.class);

    private final int partition;
    /** By webhook id, what this owner wrote last; empty once deleted. */
    private final Map<String, Optional<Webhook>> written = new HashMap<>();
    private boolean caughtUp;

    OwnedPartition(int partition) {
        this.partition = partition;
    }

    /**
     * Whether the view has read the partition of {@code hookline.webhooks} up to where it ended when asked
     * first; waits up to the timeout. The end counts an open transaction of a previous owner, and the
     * view (read_committed) passes it only once that transaction is committed or aborted.
     */
    boolean caughtUp(GatewayAdmin admin, TopicView<Webhook> view, Duration timeout) {
        if (caughtUp) {
            return true;
        }
        try {
            long end = admin.endOffset(Topics.WEBHOOKS.name(), partition).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (end > 0) {
                view.awaitOffset(partition, end - 1, timeout).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            caughtUp = true;
            log.info("Partition {} of {} read to its end ({}): applying its commands", partition, Topics.WEBHOOKS.name(), end);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            log.warn("Partition {} of {} not read to its end yet: {}", partition, Topics.WEBHOOKS.name(), e.toString());
            return false;
        }
    }

    /** The webhook as it is now: what this owner wrote last, else what the view read. */
    Optional<Webhook> current(String webhookId, TopicView<Webhook> view) {
        Optional<Webhook> mine = written.get(webhookId);
        return mine != null ? mine : view.get(webhookId);
    }

    /** Notes a committed write; null once deleted. */
    void wrote(String webhookId, Webhook after) {
        written.put(webhookId, Optional.ofNullable(after));
    }
}
