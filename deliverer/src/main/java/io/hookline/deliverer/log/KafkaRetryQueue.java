package io.hookline.deliverer.log;

import io.hookline.deliverer.delivery.RetryQueue;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.topics.Topics;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Puts the next attempt of a delivery on {@code hookline.delivery-retries}, keyed by webhook id, to wait there. */
public final class KafkaRetryQueue implements RetryQueue {

    private final RetryingProducer producer;

    public KafkaRetryQueue(RetryingProducer producer) {
        this.producer = producer;
    }

    @Override
    public CompletionStage<Void> schedule(DeliveryTask next) {
        String topic = Topics.DELIVERY_RETRIES.name();
        byte[] value = Topics.DELIVERY_RETRIES.valueSerde().serializer().serialize(topic, next);
        return producer.send(new ProducerRecord<>(topic, next.getWebhookId(), value));
    }
}
