package io.hookline.deliverer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hookline.schemas.Ids;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.DeliveryLog;
import io.hookline.testsupport.TestKafka;
import io.hookline.testsupport.TestReceiver;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class BackpressureIT {

    @Test
    void shouldPauseWhileTooMuchIsBufferedAndResumeAndDeliverEverythingAfter() throws Exception {
        try (TestReceiver receiver = TestReceiver.https();
             KafkaProducer<String, byte[]> producer = TestKafka.producer();
             RunningDeliverer deliverer = RunningDeliverer.start(
                     "hookline.delivery.timeout=1s",
                     "hookline.delivery.allowed-cidrs=127.0.0.0/8",
                     "hookline.delivery.extra-ca-certs=" + receiver.caCertificatePem(),
                     "hookline.delivery.max-in-flight=1",
                     "hookline.delivery.max-in-flight-per-endpoint=1",
                     "hookline.delivery.max-buffered=2",
                     // one team here: its backlog pauses the consumer rather than waiting in the retry topic
                     "hookline.delivery.max-team-share=1")) {
            // given an endpoint that never answers
            receiver.hang("/slow");
            String webhookId = Ids.random(Ids.WEBHOOK);

            // when more tasks arrive than may be buffered
            for (int i = 0; i < 4; i++) {
                DeliveryTask task = Fixtures.task(receiver.url("/slow"), Fixtures.newSecret()).setWebhookId(webhookId).build();
                Fixtures.publishWebhookOf(producer, task);
                byte[] value = Topics.DELIVERIES.valueSerde().serializer().serialize(Topics.DELIVERIES.name(), task);
                producer.send(new ProducerRecord<>(Topics.DELIVERIES.name(), 4, webhookId, value)).get();
            }

            // then consumption pauses, then resumes, and every task gets its attempt
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> Boolean.TRUE.equals(deliverer.health().getDetails().get("paused")));
            List<DeliveryAttempt> attempts = DeliveryLog.awaitAttempts(List.of(webhookId), 4, Duration.ofSeconds(30));
            assertThat(attempts).hasSize(4).allSatisfy(a -> assertThat(a.getError()).isEqualTo("timed out after 1s"));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> Boolean.FALSE.equals(deliverer.health().getDetails().get("paused")));
        }
    }
}
