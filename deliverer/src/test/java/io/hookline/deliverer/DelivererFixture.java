package io.hookline.deliverer;

import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.TestKafka;
import io.hookline.testsupport.TestReceiver;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The fixture of the deliverer ITs: an HTTPS receiver on loopback, a producer and a deliverer that trusts the
 * receiver and may reach loopback. It lives in the deliverer's tests, not test-support, because it starts
 * {@link DelivererApplication}, which test-support cannot depend on; the delivery-log reader it pairs with is
 * {@link io.hookline.testsupport.DeliveryLog}.
 */
final class DelivererFixture implements AutoCloseable {

    final TestReceiver receiver;
    final Producer<String, byte[]> producer;
    final RunningDeliverer deliverer;

    private DelivererFixture(List<String> extraProperties) {
        this.receiver = TestReceiver.https();
        this.producer = TestKafka.producer();
        List<String> properties = new ArrayList<>(List.of(
                "hookline.delivery.timeout=5s",
                "hookline.delivery.allowed-cidrs=127.0.0.0/8",
                "hookline.delivery.extra-ca-certs=" + receiver.caCertificatePem()));
        properties.addAll(extraProperties);
        this.deliverer = RunningDeliverer.start(properties.toArray(String[]::new));
    }

    /** Starts the fixture; later properties override the defaults (a 5 s timeout, loopback allowed). */
    static DelivererFixture start(String... extraProperties) {
        return new DelivererFixture(List.of(extraProperties));
    }

    /** Writes the task to hookline.deliveries, keyed by its webhook, and waits for the broker. */
    RecordMetadata send(DeliveryTask task) throws Exception {
        return send(producer, task, null);
    }

    /** Writes the task to the given partition of hookline.deliveries, and waits for the broker. */
    RecordMetadata send(DeliveryTask task, int partition) throws Exception {
        return send(producer, task, partition);
    }

    /** Makes the task's webhook known (enabled) to the deliverer. */
    void publishWebhookOf(DeliveryTask task) throws Exception {
        Fixtures.publishWebhookOf(producer, task);
    }

    /** Writes the task to hookline.deliveries (on {@code partition}, or by its key when null) and waits for the broker. */
    static RecordMetadata send(Producer<String, byte[]> producer, DeliveryTask task, Integer partition) throws Exception {
        byte[] value = Topics.DELIVERIES.valueSerde().serializer().serialize(Topics.DELIVERIES.name(), task);
        return producer.send(new ProducerRecord<>(Topics.DELIVERIES.name(), partition, task.getWebhookId(), value)).get();
    }

    @Override
    public void close() {
        deliverer.close();
        producer.close();
        receiver.close();
    }
}
