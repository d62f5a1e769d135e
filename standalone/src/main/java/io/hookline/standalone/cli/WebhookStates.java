package io.hookline.standalone.cli;

import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The current state of every webhook, read from the compacted {@code hookline.webhooks} topic. */
final class WebhookStates {

    private final String bootstrapServers;

    WebhookStates(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    Map<String, Webhook> read() {
        Map<String, Object> props = new KafkaConnection(bootstrapServers).consumer(null);
        props.put("client.id", "hookline-cli-webhooks");
        try (KafkaConsumer<String, Webhook> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                Topics.WEBHOOKS.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.WEBHOOKS.name(), Duration.ofSeconds(15)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<String, Webhook> webhooks = new HashMap<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, Webhook> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        webhooks.remove(record.key());
                    } else {
                        webhooks.put(record.key(), record.value());
                    }
                }
            }
            return webhooks;
        }
    }
}
