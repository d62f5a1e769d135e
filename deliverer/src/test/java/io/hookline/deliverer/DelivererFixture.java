package io.hookline.deliverer;

import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.TestKafka;
import io.hookline.testsupport.TestReceiver;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fixture of the deliverer ITs: an HTTPS receiver on loopback, a producer and a deliverer that trusts the
 * receiver and may reach loopback. It lives in the deliverer's tests, not test-support, because it starts
 * {@link DelivererApplication}, which test-support cannot depend on; the delivery-log reader it pairs with is
 * {@link io.hookline.testsupport.DeliveryLog}. A class registers it ({@code @RegisterExtension static}); it starts
 * before the class's tests and stops after them.
 */
final class DelivererFixture implements BeforeAllCallback, AfterAllCallback {

    private final List<String> extraProperties;
    private TestReceiver receiver;
    private Producer<String, byte[]> producer;
    private RunningDeliverer deliverer;

    private DelivererFixture(List<String> extraProperties) {
        this.extraProperties = extraProperties;
    }

    /** A fixture whose deliverer also gets these properties; later ones override the defaults (a 5 s timeout, loopback allowed). */
    static DelivererFixture with(String... extraProperties) {
        return new DelivererFixture(List.of(extraProperties));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        receiver = TestReceiver.https();
        producer = TestKafka.producer();
        List<String> properties = new ArrayList<>(List.of(
                "hookline.delivery.timeout=5s",
                "hookline.delivery.allowed-cidrs=127.0.0.0/8",
                "hookline.delivery.extra-ca-certs=" + receiver.caCertificatePem()));
        properties.addAll(extraProperties);
        deliverer = RunningDeliverer.start(properties.toArray(String[]::new));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        deliverer.close();
        producer.close();
        receiver.close();
    }

    TestReceiver receiver() {
        return receiver;
    }

    Producer<String, byte[]> producer() {
        return producer;
    }

    RunningDeliverer deliverer() {
        return deliverer;
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

    /** Writes the webhook's state to hookline.webhooks, as the gateway would. */
    void publish(Webhook webhook) throws Exception {
        Fixtures.publish(producer, webhook);
    }

    /** Writes the task to hookline.deliveries (on {@code partition}, or by its key when null) and waits for the broker. */
    static RecordMetadata send(Producer<String, byte[]> producer, DeliveryTask task, Integer partition) throws Exception {
        byte[] value = Topics.DELIVERIES.valueSerde().serializer().serialize(Topics.DELIVERIES.name(), task);
        return producer.send(new ProducerRecord<>(Topics.DELIVERIES.name(), partition, task.getWebhookId(), value)).get();
    }
}
