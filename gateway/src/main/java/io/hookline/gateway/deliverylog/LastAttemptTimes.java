package io.hookline.gateway.deliverylog;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * When each webhook's latest indexed attempt ({@code l|webhookId}) was made, remembered for the webhooks
 * indexed most recently. Indexing an attempt compares its time with the latest one's: without this, every
 * attempt decoded the stored latest attempt (a whole Avro record with its bodies and headers) only to read
 * its {@code attemptedAt}, a fifth of the index's CPU in DeliveryBench. The times are those of one store:
 * another store (the indexer started again, the store rebuilt) starts with none.
 */
final class LastAttemptTimes {

    /** About 100 bytes each: 10,000 webhooks in about a megabyte; those beyond are read from the store. */
    static final int CAPACITY = 10_000;

    private final Map<String, Instant> times = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > CAPACITY;
        }
    };
    private SortedKeyValues of;

    /**
     * The webhook's latest attempt time in this store, from {@code stored} (null: none yet) when not remembered.
     * Synchronized though only the indexer's thread calls it: the index's callers are not this class's to bound.
     */
    synchronized Instant latest(SortedKeyValues store, String webhookId, Supplier<Instant> stored) {
        if (of != store) {
            times.clear();
            of = store;
        }
        Instant known = times.get(webhookId);
        if (known == null) {
            known = stored.get();
            if (known != null) {
                times.put(webhookId, known);
            }
        }
        return known;
    }

    /** The webhook's latest attempt in {@code store} is now the one made at {@code at}. */
    synchronized void update(SortedKeyValues store, String webhookId, Instant at) {
        if (of == store) {
            times.put(webhookId, at);
        }
    }
}
