package io.hookline.kafka.view;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * "Read a compacted topic to its end, then follow", the steps every view of Hookline takes, written
 * once: take every partition with no consumer group (each reader sees every record), start at the
 * beginning, and know when the positions have reached the ends the topic had at a given moment.
 */
public final class CompactedTopic {

    private CompactedTopic() {
    }

    /**
     * Assigns every partition of {@code topic} and seeks to its beginning (or its end, for a reader
     * that follows only what comes next), resolving the positions now.
     *
     * @return the partitions, empty when the topic does not exist (yet): nothing is assigned then
     */
    public static List<TopicPartition> assignAll(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, String topic,
            Duration timeout, boolean fromEnd) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        if (partitions.isEmpty()) {
            return partitions;
        }
        consumer.assign(partitions);
        if (fromEnd) {
            consumer.seekToEnd(partitions);
        } else {
            consumer.seekToBeginning(partitions);
        }
        partitions.forEach(consumer::position);
        return partitions;
    }

    /** Whether the consumer has read up to every one of these end offsets. */
    public static boolean reached(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads the whole topic once, up to the end it has now, handing every record to {@code apply}: a
     * snapshot for a command-line run. A topic that does not exist reads as empty.
     */
    public static <K, V> void readToEnd(org.apache.kafka.clients.consumer.Consumer<K, V> consumer, String topic, Duration timeout,
            Duration poll, Consumer<ConsumerRecord<K, V>> apply) {
        List<TopicPartition> partitions = assignAll(consumer, topic, timeout, false);
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
        while (!reached(consumer, ends)) {
            consumer.poll(poll).forEach(apply);
        }
    }
}
