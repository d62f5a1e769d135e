package io.hookline.gateway.deliverylog;

import io.hookline.schemas.Ids;
import io.hookline.schemas.avro.AttemptStatusSymbol;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.TriggerSymbol;
import io.hookline.schemas.topics.Topics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The delivery-log index's own CPU per attempt, warm, in one thread: what the gateway's indexer does with a
 * record of {@code hookline.delivery-log} ({@link DeliveryIndex#apply(SortedKeyValues, byte[])}), on attempts
 * shaped like DeliveryBench's (ten webhooks, a 1.4 KB body, the signed request's headers). The store is a
 * sorted map in memory, not RocksDB: this measures the index's Java work, which DeliveryBench's CPU per
 * thread cannot resolve on a shared machine. In this package because the index's writes are package-private.
 * {@code IndexCostBench [attempts per round] [rounds]}.
 */
public final class IndexCostBench {

    private IndexCostBench() {
    }

    public static void main(String[] args) {
        int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        List<byte[]> records = records(perRound);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] micros = new double[rounds];
        for (int warmUp = 0; warmUp < 3; warmUp++) {
            index(records);
        }
        for (int round = 0; round < rounds; round++) {
            long start = threads.getCurrentThreadCpuTime();
            index(records);
            micros[round] = (threads.getCurrentThreadCpuTime() - start) / 1e3 / perRound;
        }
        double[] sorted = micros.clone();
        Arrays.sort(sorted);
        System.out.printf("index CPU per attempt, %d rounds of %,d (after 3 warm-up rounds): median %.2f µs, min %.2f, max %.2f; rounds %s%n",
                rounds, perRound, sorted[rounds / 2], sorted[0], sorted[rounds - 1], Arrays.toString(micros));
    }

    /** One round: every record into a fresh index and store, as the indexer applies them. */
    private static void index(List<byte[]> records) {
        MemoryStore store = new MemoryStore();
        DeliveryIndex index = new DeliveryIndex(Optional::empty);
        for (byte[] record : records) {
            index.apply(store, record);
        }
    }

    private static List<byte[]> records(int count) {
        Instant start = Instant.parse("2026-12-01T00:00:00Z");
        String body = "{\"type\":\"acronym.created\",\"data\":{\"padding\":\"" + "p".repeat(1_300) + "\"}}";
        List<byte[]> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String deliveryId = Ids.random(Ids.DELIVERY);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("User-Agent", "Hookline/0.1.0");
            headers.put("webhook-id", deliveryId);
            headers.put("webhook-timestamp", "1764547200");
            headers.put("webhook-signature", "v1," + "s".repeat(44));
            headers.put("X-Define-Signature", "sha256=" + "a".repeat(64));
            headers.put("X-Define-Webhook-ID", "wh_" + (i % 10));
            headers.put("X-Define-Delivery-ID", deliveryId);
            headers.put("X-Define-Event", "acronym.created");
            DeliveryAttempt attempt = DeliveryAttempt.newBuilder().setAttemptId(Ids.random(Ids.ATTEMPT)).setDeliveryId(deliveryId)
                    .setWebhookId("wh_" + (i % 10)).setTenantId("default").setEventId(Ids.random(Ids.EVENT)).setEventType("acronym.created")
                    .setAttempt(1).setTrigger(TriggerSymbol.scheduled).setStatus(AttemptStatusSymbol.succeeded).setAttemptedAt(start.plusMillis(i)).setDurationMs(3)
                    .setUrl("https://localhost:8443/ten/" + (i % 10)).setRequestHeaders(headers).setRequestBody(body).setResponseCode(200)
                    .setResponseHeaders(Map.of("content-length", "2")).setResponseBody("ok").build();
            records.add(Topics.DELIVERY_LOG.valueSerde().serializer().serialize(Topics.DELIVERY_LOG.name(), attempt));
        }
        return records;
    }

    /** A sorted map in place of the RocksDB global store, as much of it as indexing uses. */
    private static final class MemoryStore implements SortedKeyValues {

        private final ConcurrentSkipListMap<String, byte[]> entries = new ConcurrentSkipListMap<>();

        @Override
        public byte[] get(String key) {
            return entries.get(key);
        }

        @Override
        public void put(String key, byte[] value) {
            entries.put(key, value);
        }

        @Override
        public List<Map.Entry<String, byte[]>> range(String from, String to, int limit) {
            throw new UnsupportedOperationException("indexing an attempt reads and writes keys; it ranges over none");
        }
    }
}
