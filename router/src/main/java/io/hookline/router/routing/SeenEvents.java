package io.hookline.router.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The event ids routed in the last 24 h, per tenant, so that "a repeated id within 24 h is accepted
 * and not routed twice" (API.md). Entries are keyed {@code tenant|eventId}; a second store indexes
 * them by time ({@code <19-digit timestamp>|tenant|eventId}) so that purging reads only what expired
 * instead of the whole store.
 */
final class SeenEvents {

    static final Duration WINDOW = Duration.ofHours(24);

    private static final int PURGE_BATCH = 10_000;
    private static final int TIME_DIGITS = 19;

    private final KeyValueStore<String, SeenEvent> seen;
    private final KeyValueStore<String, String> byTime;

    SeenEvents(KeyValueStore<String, SeenEvent> seen, KeyValueStore<String, String> byTime) {
        this.seen = seen;
        this.byTime = byTime;
    }

    /**
     * Whether this record repeats an event already routed within the window. The record that was
     * first seen is not a repeat of itself: under at-least-once the store can be restored ahead of the
     * committed offsets, and a record re-read after a crash must be routed again (its delivery ids
     * are the same, so that is harmless), or its deliveries could be lost.
     */
    static boolean isRepeat(SeenEvent first, long timestamp, long offset) {
        return first != null && first.offset() != offset && timestamp - first.timestamp() < WINDOW.toMillis();
    }

    /** The event id's entry: when and where it was first seen, or null. Read once per event, for both of the calls around it. */
    SeenEvent first(String tenantId, String eventId) {
        return seen.get(key(tenantId, eventId));
    }

    /** @param first what {@link #first} said of this id before the event was routed */
    void remember(String tenantId, String eventId, SeenEvent first, long timestamp, long offset) {
        if (first != null && first.offset() == offset) {
            return;
        }
        String key = key(tenantId, eventId);
        seen.put(key, new SeenEvent(timestamp, offset));
        byTime.put(timeKey(timestamp, key), "");
    }

    /** Forgets the events first seen more than the window before {@code now} (stream time). */
    void purge(long now) {
        long cutoff = now - WINDOW.toMillis();
        List<String> expired;
        do {
            expired = new ArrayList<>();
            try (KeyValueIterator<String, String> entries = byTime.all()) {
                while (entries.hasNext() && expired.size() < PURGE_BATCH) {
                    KeyValue<String, String> entry = entries.next();
                    if (Long.parseLong(entry.key.substring(0, TIME_DIGITS)) > cutoff) {
                        break;
                    }
                    expired.add(entry.key);
                }
            }
            for (String timeKey : expired) {
                String key = timeKey.substring(TIME_DIGITS + 1);
                SeenEvent entry = seen.get(key);
                // an id seen again after the window has a newer entry (and its own index entry): keep it
                if (entry != null && entry.timestamp() <= cutoff) {
                    seen.delete(key);
                }
                byTime.delete(timeKey);
            }
        } while (expired.size() == PURGE_BATCH);
    }

    static String key(String tenantId, String eventId) {
        return tenantId + "|" + eventId;
    }

    private static String timeKey(long timestamp, String key) {
        // zero-padded so that the store's byte order is time order (record timestamps are never negative)
        return padded(Math.max(0, timestamp), TIME_DIGITS) + "|" + key;
    }

    /** {@code String.format("%0<digits>d", value)} without the formatter's cost (this runs per record). */
    private static String padded(long value, int digits) {
        String text = Long.toString(value);
        if (value < 0 || text.length() >= digits) {
            return value < 0 ? String.format("%0" + digits + "d", value) : text;
        }
        return "0".repeat(digits - text.length()) + text;
    }
}
