package io.hookline.deliverer.log;

import io.hookline.deliverer.delivery.AttemptLog;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.topics.Topics;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Records attempts on {@code hookline.delivery-log}, keyed by webhook id like the deliveries. */
public final class KafkaAttemptLog implements AttemptLog {

    private final RetryingProducer producer;

    public KafkaAttemptLog(RetryingProducer producer) {
        this.producer = producer;
    }

    @Override
    public CompletionStage<Void> record(DeliveryAttempt attempt) {
        String topic = Topics.DELIVERY_LOG.name();
        byte[] value = Topics.DELIVERY_LOG.valueSerde().serializer().serialize(topic, attempt);
        return producer.send(new ProducerRecord<>(topic, attempt.getWebhookId(), value));
    }
}
