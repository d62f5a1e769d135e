package io.hookline.deliverer.dispatch;

import io.hookline.deliverer.log.RetryingProducer;
import io.hookline.schemas.topics.Topic;
import io.hookline.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Records of {@code hookline.deliveries} that cannot be decoded go to {@code hookline.deliveries.dlq},
 * unchanged, with the reason and their origin in headers, so they never stop the consumer.
 */
public final class DeadLetters {

    public static final Topic<String, byte[]> TOPIC = Topics.DELIVERIES_DLQ;

    static final String ORIGIN_HEADER = "hookline.dlq.origin";

    private final RetryingProducer producer;

    public DeadLetters(RetryingProducer producer) {
        this.producer = producer;
    }

    CompletionStage<Void> send(ConsumerRecord<String, byte[]> record, String reason) {
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(TOPIC.name(), null, record.key(), record.value());
        letter.headers().add(Topics.DLQ_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        letter.headers().add(ORIGIN_HEADER, (record.topic() + "/" + record.partition() + "/" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        return producer.send(letter);
    }
}
