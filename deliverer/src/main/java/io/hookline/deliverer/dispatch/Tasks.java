package io.hookline.deliverer.dispatch;

import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Decodes records of hookline.deliveries, refusing what cannot be delivered. */
final class Tasks {

    private Tasks() {
    }

    /** @throws RuntimeException with the reason, for the dead-letter header */
    static DeliveryTask decode(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new IllegalArgumentException("record has no value");
        }
        DeliveryTask task = Topics.DELIVERIES.valueSerde().deserializer().deserialize(record.topic(), record.value());
        if (task.getWebhookId() == null || task.getWebhookId().isBlank()) {
            throw new IllegalArgumentException("delivery task has no webhook id");
        }
        return task;
    }
}
