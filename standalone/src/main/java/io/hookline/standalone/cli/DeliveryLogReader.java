package io.hookline.standalone.cli;

import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a time window of {@code hookline.delivery-log} straight from Kafka: it seeks each partition
 * to the window's start by timestamp (not from the beginning) and stops at the window's end or at
 * the end offsets seen when it started. No consumer group, nothing committed.
 */
final class DeliveryLogReader {

    /** An attempt is logged when it ends, so its record can be this much younger than its start. */
    private static final Duration LOGGING_LAG = Duration.ofMinutes(10);

    private final String bootstrapServers;

    DeliveryLogReader(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Hands every attempt in the window, partition by partition in log order, to {@code sink};
     * {@code progress} gets the number of records read so far and the total to read, now and then.
     */
    long read(Instant from, Instant to, Consumer<DeliveryAttempt> sink, Progress progress) {
        Map<String, Object> props = new KafkaConnection(bootstrapServers).consumer(null);
        props.put("client.id", "hookline-log-reader");
        try (KafkaConsumer<String, DeliveryAttempt> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                Topics.DELIVERY_LOG.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DELIVERY_LOG.name(), Duration.ofSeconds(15)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(p -> times.put(p, from.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(times);
            Map<TopicPartition, Long> remaining = new HashMap<>();
            long total = 0;
            for (TopicPartition p : partitions) {
                OffsetAndTimestamp start = starts.get(p);
                long startOffset = start == null ? ends.get(p) : start.offset();
                consumer.seek(p, startOffset);
                if (startOffset < ends.get(p)) {
                    remaining.put(p, ends.get(p));
                    total += ends.get(p) - startOffset;
                }
            }
            consumer.pause(partitions.stream().filter(p -> !remaining.containsKey(p)).toList());
            long stopAfter = to.plus(LOGGING_LAG).toEpochMilli();
            long read = 0;
            long matched = 0;
            while (!remaining.isEmpty()) {
                for (ConsumerRecord<String, DeliveryAttempt> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition p = new TopicPartition(record.topic(), record.partition());
                    if (!remaining.containsKey(p)) {
                        continue;
                    }
                    read++;
                    if (record.value() != null) {
                        sink.accept(record.value());
                        matched++;
                    }
                    if (record.timestamp() > stopAfter) {
                        remaining.remove(p);
                        consumer.pause(List.of(p));
                    }
                }
                // by position, not by the last record: a transaction marker may be the last offset
                for (TopicPartition p : List.copyOf(remaining.keySet())) {
                    if (consumer.position(p) >= remaining.get(p)) {
                        remaining.remove(p);
                        consumer.pause(List.of(p));
                    }
                }
                progress.report(read, total);
            }
            progress.done(read);
            return matched;
        }
    }

    /** Where a long read reports how far it got. */
    interface Progress {

        void report(long read, long total);

        void done(long read);

        static Progress none() {
            return new Progress() {
                @Override
                public void report(long read, long total) {
                }

                @Override
                public void done(long read) {
                }
            };
        }

        /** Once a second on standard error, for when standard output goes to a file or a pipe. */
        static Progress onStandardError() {
            return new Progress() {
                private long last;

                @Override
                public void report(long read, long total) {
                    long now = System.nanoTime();
                    if (now - last > 1_000_000_000L) {
                        last = now;
                        System.err.printf("read %,d of %,d records (%d%%)%n", read, total, total == 0 ? 100 : read * 100 / total);
                    }
                }

                @Override
                public void done(long read) {
                    System.err.printf("read %,d records%n", read);
                }
            };
        }
    }
}
