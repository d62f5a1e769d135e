package io.hookline.standalone.cli;

import io.hookline.kafka.view.CompactedTopic;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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
            Map<String, Webhook> webhooks = new HashMap<>();
            CompactedTopic.readToEnd(consumer, Topics.WEBHOOKS.name(), Duration.ofSeconds(15), Duration.ofMillis(200), record -> {
                if (record.value() == null) {
                    webhooks.remove(record.key());
                } else {
                    webhooks.put(record.key(), record.value());
                }
            });
            return webhooks;
        }
    }
}
