package io.hookline.gateway.owner;

import io.hookline.gateway.kafka.GatewayAdmin;
import io.hookline.gateway.kafka.TopicView;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition of a state topic as its owner holds it: the view, once it has read the partition to its
 * end (a previous owner's last writes included), overlaid with what this owner wrote since, so each command
 * is applied to a state that includes the one before it, with no wait for the view to read it back. Nobody
 * else writes the partition while this instance owns it. Used on the owner's consumer thread only.
 */
final class OwnedPartition<S> implements OwnedState<S> {

    private static final Logger log = LoggerFactory.getLogger(OwnedPartition.class);

    private final OwnedKind<?, S, ?> kind;
    private final int partition;
    private final TopicView<S> view;
    /** By key, what this owner wrote last; empty once deleted. */
    private final Map<String, Optional<S>> written = new HashMap<>();
    private boolean caughtUp;

    OwnedPartition(OwnedKind<?, S, ?> kind, int partition, TopicView<S> view) {
        this.kind = kind;
        this.partition = partition;
        this.view = view;
    }

    /**
     * Whether the view has read the partition up to where it ended when asked first; waits up to the
     * timeout. The end counts a previous owner's open transaction, which the view (read_committed) passes
     * only once it is committed or aborted.
     */
    boolean caughtUp(GatewayAdmin admin, Duration timeout) {
        if (caughtUp) {
            return true;
        }
        String topic = kind.states().name();
        try {
            long end = admin.endOffset(topic, partition).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (end > 0) {
                view.awaitOffset(partition, end - 1, timeout).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            caughtUp = true;
            log.info("Partition {} of {} read to its end ({}): applying its commands", partition, topic, end);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            log.warn("Partition {} of {} not read to its end yet: {}", partition, topic, e.toString());
            return false;
        }
    }

    @Override
    public Optional<S> get(String key) {
        Optional<S> mine = written.get(key);
        return mine != null ? mine : view.get(key);
    }

    /** The view's records overlaid with this owner's writes; the view holds every partition, so others' are filtered out by the kind's apply if it must. */
    @Override
    public Collection<S> values() {
        Map<String, S> all = new LinkedHashMap<>();
        view.values().forEach(s -> all.put(kind.keyOf(s), s));
        written.forEach((key, state) -> state.ifPresentOrElse(s -> all.put(key, s), () -> all.remove(key)));
        return all.values();
    }

    /** Records what this owner wrote (null: deleted), so the next command sees it before the view does. */
    void wrote(String key, S state) {
        written.put(key, Optional.ofNullable(state));
    }
}
