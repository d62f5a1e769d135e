package io.hookline.gateway.deliverylog;

import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.states.AttemptStatus;
import io.hookline.schemas.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The gateway's indexes of the delivery log, kept in one sorted store and updated attempt by attempt
 * as they are read (never by scanning on request). Keys:
 * <ul>
 *   <li>{@code a|deliveryId|time|attemptId} → the attempt: a delivery's attempts in time order;</li>
 *   <li>{@code w|webhookId|inverted first-attempt time|deliveryId} → a webhook's deliveries, newest first;</li>
 *   <li>{@code f|deliveryId} → when the delivery was first attempted (its place in that list);</li>
 *   <li>{@code l|webhookId} → the webhook's latest attempt;</li>
 *   <li>{@code h|webhookId|hour} → succeeded and failed attempts in that hour, summed for the stats windows, then
 *   the {@link Latencies} of the hour's sent attempts (absent in values written before they were kept);</li>
 *   <li>{@code t|webhookId|time|deliveryId|attemptId} → {@code attempt|status}: a webhook's attempts in time order (recovery).</li>
 * </ul>
 * A change of these keys changes {@link #LAYOUT}, and a store of another layout is rebuilt from the topic.
 */
public final class DeliveryIndex {

    /** The version of the key layout above. */
    static final String LAYOUT = "2";
    /** The status of a record that says a delivery waits before its first attempt, and why (issue 13). */
    static final String PENDING = AttemptStatus.PENDING.wire();
    static final Duration DAY = Duration.ofDays(1);
    static final Duration WEEK = Duration.ofDays(7);
    private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();
    private static final long MAX_MILLIS = 9_999_999_999_999L;
    private static final String END = "\uffff";
    private static final int BATCH = 100;

    private final Supplier<Optional<SortedKeyValues>> reads;
    private final Map<String, CompletableFuture<DeliveryAttempt>> firstAttemptWaiters = new ConcurrentHashMap<>();

    /** @param reads the store to read, empty while it is not queryable (before start-up restoration) */
    DeliveryIndex(Supplier<Optional<SortedKeyValues>> reads) {
        this.reads = reads;
    }

    /** Adds one attempt to the store; an attempt indexed already changes nothing. */
    void apply(SortedKeyValues store, DeliveryAttempt attempt) {
        apply(store, IndexedAttempt.of(attempt), encode(attempt), () -> attempt);
    }

    /**
     * Adds one attempt read from the log, its record's bytes stored as they are (not encoded again) and
     * decoded whole only for a caller waiting for it.
     *
     * @throws org.apache.kafka.common.errors.SerializationException when the bytes are not an attempt
     */
    void apply(SortedKeyValues store, byte[] encoded) {
        apply(store, IndexedAttempt.read(encoded), encoded, () -> decode(encoded));
    }

    private void apply(SortedKeyValues store, IndexedAttempt attempt, byte[] encoded, Supplier<DeliveryAttempt> whole) {
        String attemptKey = "a|" + attempt.deliveryId() + "|" + millis(attempt.attemptedAt()) + "|" + attempt.attemptId();
        if (store.get(attemptKey) != null) {
            return;
        }
        store.put(attemptKey, encoded);
        store.put("t|" + attempt.webhookId() + "|" + millis(attempt.attemptedAt()) + "|" + attempt.deliveryId() + "|"
                + attempt.attemptId(), (attempt.attempt() + "|" + attempt.status()).getBytes(StandardCharsets.UTF_8));
        String firstKey = "f|" + attempt.deliveryId();
        if (store.get(firstKey) == null) {
            long first = attempt.attemptedAt().toEpochMilli();
            store.put(firstKey, Long.toString(first).getBytes(StandardCharsets.UTF_8));
            store.put(listKey(attempt.webhookId(), first, attempt.deliveryId()), new byte[0]);
        }
        // a pending record is a wait, not an attempt (issue 13): not the webhook's last delivery, not in its
        // statistics nor latencies, and not what a caller waiting for the first attempt (verification) waits for
        boolean pending = AttemptStatus.PENDING.is(attempt.status());
        String lastKey = "l|" + attempt.webhookId();
        byte[] last = pending ? null : store.get(lastKey);
        if (!pending && (last == null || !IndexedAttempt.read(last).attemptedAt().isAfter(attempt.attemptedAt()))) {
            store.put(lastKey, encoded);
        }
        int slot = AttemptStatus.SUCCEEDED.is(attempt.status()) ? 0
                : AttemptStatus.FAILED.is(attempt.status()) ? 1
                : -1; // retrying, skipped and pending are neither
        boolean sent = !AttemptStatus.SKIPPED.is(attempt.status()) && !pending; // a skip or a wait has no duration to speak of
        if (slot >= 0 || sent) {
            String hourKey = "h|" + attempt.webhookId() + "|" + hour(attempt.attemptedAt().toEpochMilli());
            ByteBuffer current = Optional.ofNullable(store.get(hourKey)).map(ByteBuffer::wrap).orElse(ByteBuffer.allocate(16));
            long[] outcomes = {current.getLong(0), current.getLong(8)};
            Latencies latencies = Latencies.read(current.position(16));
            if (slot >= 0) {
                outcomes[slot]++;
            }
            if (sent) {
                latencies.add(attempt.durationMs());
            }
            ByteBuffer updated = ByteBuffer.allocate(16 + Latencies.BYTES).putLong(outcomes[0]).putLong(outcomes[1]);
            latencies.write(updated);
            store.put(hourKey, updated.array());
        }
        CompletableFuture<DeliveryAttempt> waiter = pending ? null : firstAttemptWaiters.remove(attempt.deliveryId());
        if (waiter != null) {
            waiter.complete(whole.get());
        }
    }

    /** Every attempt of a delivery, oldest first; empty for a delivery not seen yet. */
    public List<DeliveryAttempt> attempts(String deliveryId) {
        String prefix = "a|" + deliveryId + "|";
        List<DeliveryAttempt> attempts = new ArrayList<>();
        entries(prefix, prefix + END).forEachRemaining(e -> attempts.add(decode(e.getValue())));
        attempts.sort(Comparator.comparing(DeliveryAttempt::getAttemptedAt).thenComparing(DeliveryAttempt::getAttempt));
        return attempts;
    }

    /** Whether the delivery has any record here (so a place in its webhook's list). */
    boolean listed(String deliveryId) {
        return reads.get().map(store -> store.get("f|" + deliveryId) != null).orElse(false);
    }

    /** The delivery's first attempt, a pending record (a wait before it) left out. */
    public Optional<DeliveryAttempt> firstAttempt(String deliveryId) {
        return attempts(deliveryId).stream().filter(attempt -> !AttemptStatus.PENDING.is(attempt.getStatus())).findFirst();
    }

    /**
     * Completes with the first attempt of the delivery as soon as it is indexed (at once if it is
     * already). The caller bounds the wait and calls {@link #forget} when it gives up.
     */
    public CompletableFuture<DeliveryAttempt> awaitFirstAttempt(String deliveryId) {
        CompletableFuture<DeliveryAttempt> waiter = firstAttemptWaiters.computeIfAbsent(deliveryId, id -> new CompletableFuture<>());
        // the attempt may have been indexed between the caller's look and the registration above
        firstAttempt(deliveryId).ifPresent(attempt -> {
            firstAttemptWaiters.remove(deliveryId, waiter);
            waiter.complete(attempt);
        });
        return waiter;
    }

    public void forget(String deliveryId) {
        firstAttemptWaiters.remove(deliveryId);
    }

    public Optional<LastDelivery> lastDelivery(String webhookId) {
        return reads.get().map(store -> store.get("l|" + webhookId)).map(bytes -> LastDelivery.of(decode(bytes)));
    }

    /** Succeeded and failed attempts of the webhook in the last 24 hours and 7 days (whole hours) before {@code now}. */
    public DeliveryStats stats(String webhookId, Instant now) {
        return new DeliveryStats(window(webhookId, now, DAY), window(webhookId, now, WEEK));
    }

    /**
     * Succeeded and failed attempts of the webhook per hour over the last 7 days before {@code now},
     * with the durations of every attempt sent, oldest first, only the hours that had any (the console's charts).
     */
    public List<DeliveryStats.Hour> hourly(String webhookId, Instant now) {
        String prefix = "h|" + webhookId + "|";
        List<DeliveryStats.Hour> hours = new java.util.ArrayList<>();
        Iterator<Map.Entry<String, byte[]>> entries = entries(prefix + hour(now.minus(WEEK).toEpochMilli()), prefix + END);
        while (entries.hasNext()) {
            Map.Entry<String, byte[]> entry = entries.next();
            ByteBuffer counts = ByteBuffer.wrap(entry.getValue());
            long hour = Long.parseLong(entry.getKey().substring(prefix.length()));
            hours.add(new DeliveryStats.Hour(Instant.ofEpochMilli(hour * HOUR_MILLIS), counts.getLong(0), counts.getLong(8),
                    Latencies.read(counts.position(16))));
        }
        return hours;
    }

    /** The webhook's deliveries newest first, strictly after the given position when there is one, read in batches. */
    Iterable<Map.Entry<DeliveryKey, String>> deliveries(String webhookId, Optional<DeliveryKey> after) {
        String prefix = "w|" + webhookId + "|";
        String from = after.map(k -> listKey(webhookId, k.firstAttemptAt().toEpochMilli(), k.deliveryId()) + "\u0000").orElse(prefix);
        return () -> {
            Iterator<Map.Entry<String, byte[]>> keys = entries(from, prefix + END);
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return keys.hasNext();
                }

                @Override
                public Map.Entry<DeliveryKey, String> next() {
                    String[] parts = keys.next().getKey().split("\\|");
                    String deliveryId = parts[3];
                    return Map.entry(new DeliveryKey(Instant.ofEpochMilli(MAX_MILLIS - Long.parseLong(parts[2])), deliveryId), deliveryId);
                }
            };
        };
    }

    /** The webhook's attempts in {@code [from, to)} in time order, as (delivery id, status), read in batches. */
    public Iterable<Map.Entry<String, String>> attemptsIn(String webhookId, Instant from, Instant to) {
        String prefix = "t|" + webhookId + "|";
        return () -> {
            Iterator<Map.Entry<String, byte[]>> keys = entries(prefix + millis(from), prefix + millis(to));
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return keys.hasNext();
                }

                @Override
                public Map.Entry<String, String> next() {
                    Map.Entry<String, byte[]> entry = keys.next();
                    String value = new String(entry.getValue(), StandardCharsets.UTF_8);
                    return Map.entry(entry.getKey().split("\\|")[3], value.substring(value.indexOf('|') + 1));
                }
            };
        };
    }

    private DeliveryStats.Window window(String webhookId, Instant now, Duration length) {
        String prefix = "h|" + webhookId + "|";
        long succeeded = 0;
        long failed = 0;
        Iterator<Map.Entry<String, byte[]>> hours = entries(prefix + hour(now.minus(length).toEpochMilli()), prefix + END);
        while (hours.hasNext()) {
            ByteBuffer counts = ByteBuffer.wrap(hours.next().getValue());
            succeeded += counts.getLong(0);
            failed += counts.getLong(8);
        }
        return new DeliveryStats.Window(succeeded, failed);
    }

    /** Entries from {@code from} (inclusive) to {@code to} (exclusive), fetched lazily in batches. */
    private Iterator<Map.Entry<String, byte[]>> entries(String from, String to) {
        Optional<SortedKeyValues> store = reads.get();
        if (store.isEmpty()) {
            return java.util.Collections.emptyIterator();
        }
        return new Iterator<>() {
            private List<Map.Entry<String, byte[]>> batch = store.get().range(from, to, BATCH);
            private int next;

            @Override
            public boolean hasNext() {
                if (next < batch.size()) {
                    return true;
                }
                if (batch.size() < BATCH) {
                    return false;
                }
                batch = store.get().range(batch.get(batch.size() - 1).getKey() + "\u0000", to, BATCH);
                next = 0;
                return !batch.isEmpty();
            }

            @Override
            public Map.Entry<String, byte[]> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return batch.get(next++);
            }
        };
    }

    private static String listKey(String webhookId, long firstMillis, String deliveryId) {
        return "w|" + webhookId + "|" + padded(MAX_MILLIS - firstMillis, 13) + "|" + deliveryId;
    }

    private static String millis(Instant at) {
        return padded(at.toEpochMilli(), 13);
    }

    private static String hour(long millis) {
        return padded(Math.floorDiv(millis, HOUR_MILLIS), 9);
    }

    /** {@code String.format("%0<digits>d", value)} without the formatter's cost (this runs per record). */
    private static String padded(long value, int digits) {
        String text = Long.toString(value);
        if (value < 0 || text.length() >= digits) {
            return value < 0 ? String.format("%0" + digits + "d", value) : text;
        }
        return "0".repeat(digits - text.length()) + text;
    }

    private static byte[] encode(DeliveryAttempt attempt) {
        return Topics.DELIVERY_LOG.valueSerde().serializer().serialize(Topics.DELIVERY_LOG.name(), attempt);
    }

    private static DeliveryAttempt decode(byte[] bytes) {
        return Topics.DELIVERY_LOG.valueSerde().deserializer().deserialize(Topics.DELIVERY_LOG.name(), bytes);
    }
}
