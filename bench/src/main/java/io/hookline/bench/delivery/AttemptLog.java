package io.hookline.bench.delivery;

import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.states.AttemptStatus;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What {@code hookline.delivery-log} says about a scenario's deliveries, read after the scenario's
 * measurement (so that decoding every attempt costs the measured pipeline nothing). The benchmark
 * tells a failed delivery (recorded, reported with its reasons) from a lost one (never recorded: the
 * only thing that fails the run). Used from the benchmark's main thread only.
 */
final class AttemptLog implements AutoCloseable {

    private static final String SUCCEEDED = AttemptStatus.SUCCEEDED.wire();
    private static final String RETRYING = AttemptStatus.RETRYING.wire();
    private static final String SKIPPED = AttemptStatus.SKIPPED.wire();
    /** A delivery waiting for its first attempt (a slot, a rate limit): no attempt, and not final. */
    private static final String PENDING = AttemptStatus.PENDING.wire();

    private final KafkaConsumer<String, byte[]> consumer;
    /** delivery id → status of its latest final attempt (succeeded, failed, skipped) */
    private final Map<String, String> finalStatus = new HashMap<>();
    /** delivery id → the errors of its attempts that did not succeed (skips not included: nothing was sent), in order */
    private final Map<String, List<String>> failedAttempts = new HashMap<>();

    AttemptLog(String bootstrapServers) {
        Map<String, Object> props = new KafkaConnection(bootstrapServers).consumer(null);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-attempt-log");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(Topics.DELIVERY_LOG.name()).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** The scenario's deliveries as the log tells them; {@code lost} are those with no final attempt recorded. */
    record Verdict(int deliveries, int failedDeliveries, int failedAttempts, List<String> lost, Map<String, Integer> reasons,
                   int skipped, Map<String, Integer> skipReasons) {

        /** e.g. "0 failed attempts" or "3 failed attempts (2 deliveries failed): timed out after 2s ×3; 5 skipped: not verified ×5". */
        String summary() {
            String attempts = failedAttempts == 0 ? "0 failed attempts"
                    : "%d failed attempts (%d deliveries failed): %s".formatted(failedAttempts, failedDeliveries - skipped, first(reasons));
            return skipped == 0 ? attempts : attempts + "; %d skipped, never sent: %s".formatted(skipped, first(skipReasons));
        }

        private static String first(Map<String, Integer> reasons) {
            List<String> first = new ArrayList<>();
            reasons.entrySet().stream().limit(3).forEach(e -> first.add(e.getKey() + " ×" + e.getValue()));
            return String.join("; ", first);
        }
    }

    /** Reads the log until every delivery has a final attempt recorded or {@code limit} has passed. */
    Verdict await(Collection<String> deliveryIds, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        List<String> missing = new ArrayList<>(deliveryIds);
        while (true) {
            missing.removeIf(finalStatus::containsKey);
            if (missing.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                note(Topics.DELIVERY_LOG.valueSerde().deserializer().deserialize(record.topic(), record.value()));
            }
        }
        int failedDeliveries = 0;
        int failed = 0;
        Map<String, Integer> reasons = new LinkedHashMap<>();
        Map<String, Integer> skipReasons = new LinkedHashMap<>();
        int skipped = 0;
        Set<String> lost = Set.copyOf(missing);
        for (String id : deliveryIds) {
            String status = finalStatus.get(id);
            if (status != null && !status.equals(SUCCEEDED)) {
                failedDeliveries++;
            }
            if (SKIPPED.equals(status)) {
                skipped++;
                skipReasons.merge(skipReasons(id), 1, Integer::sum);
            }
            for (String reason : failedAttempts.getOrDefault(id, List.of())) {
                failed++;
                reasons.merge(reason, 1, Integer::sum);
            }
        }
        return new Verdict(deliveryIds.size(), failedDeliveries, failed, List.copyOf(lost), reasons, skipped, skipReasons);
    }

    /** delivery id → why it was skipped */
    private final Map<String, String> skipReason = new HashMap<>();

    private String skipReasons(String id) {
        return skipReason.getOrDefault(id, SKIPPED);
    }

    private void note(DeliveryAttempt attempt) {
        String id = attempt.getDeliveryId();
        String status = attempt.getStatus().name();
        if (status.equals(PENDING)) {
            return;
        }
        if (status.equals(SKIPPED)) {
            skipReason.put(id, attempt.getError() != null ? attempt.getError() : SKIPPED);
        } else if (!status.equals(SUCCEEDED)) {
            failedAttempts.computeIfAbsent(id, k -> new ArrayList<>())
                    .add(attempt.getError() != null ? attempt.getError() : status);
        }
        if (!status.equals(RETRYING)) {
            finalStatus.put(id, status);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
