package io.hookline.router.routing;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The event ids routed in the last 24 h, per tenant, so that "a repeated id within 24 h is accepted
 * and not routed twice" (API.md). A window store keyed {@code tenant|eventId}, whose entry's time is the
 * record's timestamp and whose value is the record's offset: one write (and one changelog record) per
 * event, and nothing to purge. The store drops its entries a segment at a time once stream time has
 * passed them by the window, and its changelog deletes them by time (Streams gives a window store's
 * changelog {@code compact,delete}), so no tombstone is ever written for an expired id. Streams makes a
 * segment half the retention: a lookup, which mostly finds nothing, searches at most three segments, and an
 * entry is kept for 24-36 h.
 */
final class SeenEvents {

    static final Duration WINDOW = Duration.ofHours(24);

    /** What the store knows of an event id around a record's time. */
    enum Sighting {
        /** not routed within the window: route it */
        NEW,
        /**
         * this very record was routed before: under at-least-once the store can be restored ahead of the
         * committed offsets, and a record re-read after a crash must be routed again (its delivery ids are
         * the same, so that is harmless), or its deliveries could be lost
         */
        SAME_RECORD,
        /** another record with this id was routed within the window: do not route it again */
        REPEAT
    }

    private final WindowStore<String, Long> seen;

    /** The store's builder, persistent and logged: {@code tenant|eventId} at its record's timestamp → that record's offset. */
    static StoreBuilder<WindowStore<String, Long>> storeBuilder() {
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(RouterTopology.SEEN_EVENTS_STORE, WINDOW, WINDOW, false),
                Serdes.String(), Serdes.Long());
    }

    SeenEvents(WindowStore<String, Long> seen) {
        this.seen = seen;
    }

    /**
     * Whether the record at {@code offset}, written at {@code timestamp}, repeats an id routed less than the
     * window before it (or after it: an earlier copy with a later timestamp is a repeat too).
     */
    Sighting look(String tenantId, String eventId, long timestamp, long offset) {
        Sighting sighting = Sighting.NEW;
        try (WindowStoreIterator<Long> entries = seen.fetch(key(tenantId, eventId), Math.max(0, timestamp - WINDOW.toMillis() + 1),
                Long.MAX_VALUE)) {
            while (entries.hasNext()) {
                if (entries.next().value != offset) {
                    return Sighting.REPEAT;
                }
                sighting = Sighting.SAME_RECORD;
            }
        }
        return sighting;
    }

    /**
     * Remembers a {@link Sighting#NEW} id. Not one whose record is older than the window by stream time
     * ({@code streamTime}): the store would drop it anyway, and log each such drop.
     */
    void remember(String tenantId, String eventId, long timestamp, long offset, long streamTime) {
        if (timestamp > streamTime - WINDOW.toMillis()) {
            seen.put(key(tenantId, eventId), offset, timestamp);
        }
    }

    static String key(String tenantId, String eventId) {
        return tenantId + "|" + eventId;
    }
}
