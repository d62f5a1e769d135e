package io.hookline.deliverer;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.SharedKafka;
import io.hookline.testsupport.DeliveryLog;
import io.hookline.testsupport.TestKafka;
import io.hookline.testsupport.TestReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class LifecycleIT {

    @Test
    void shouldFinishRecordingAttemptsInFlightAndCommitWhenStopped() throws Exception {
        try (TestReceiver receiver = TestReceiver.https();
             KafkaProducer<String, byte[]> producer = TestKafka.producer();
             RunningDeliverer deliverer = RunningDeliverer.start(
                     "hookline.delivery.timeout=2s",
                     "hookline.delivery.allowed-cidrs=127.0.0.0/8",
                     "hookline.delivery.extra-ca-certs=" + receiver.caCertificatePem())) {
            // given an attempt in flight to an endpoint that never answers
            receiver.hang("/slow");
            DeliveryTask task = Fixtures.task(receiver.url("/slow"), Fixtures.newSecret()).build();
            Fixtures.publishWebhookOf(producer, task);
            byte[] value = Topics.DELIVERIES.valueSerde().serializer().serialize(Topics.DELIVERIES.name(), task);
            RecordMetadata written = producer.send(new ProducerRecord<>(Topics.DELIVERIES.name(), task.getWebhookId(), value)).get();
            receiver.awaitRequests(1, Duration.ofSeconds(10));
            assertThat(deliverer.health().getStatus()).isEqualTo(Status.UP);

            // when
            deliverer.context.getBean(DelivererLifecycle.class).stop();

            // then the attempt was recorded before the stop returned, its offset committed, and health is down
            DeliveryAttempt attempt = DeliveryLog.awaitAttempts(List.of(task.getWebhookId()), 1, Duration.ofSeconds(5)).get(0);
            assertThat(attempt.getError()).isEqualTo("timed out after 2s");
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(deliverer.group).partitionsToOffsetAndMetadata().get()
                        .get(new TopicPartition(Topics.DELIVERIES.name(), written.partition()));
                assertThat(committed.offset()).isEqualTo(written.offset() + 1);
            }
            assertThat(deliverer.health().getStatus()).isEqualTo(Status.DOWN);
        }
    }
}
