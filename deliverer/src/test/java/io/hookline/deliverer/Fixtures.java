package io.hookline.deliverer;

import io.hookline.schemas.Ids;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.RetryPolicy;
import io.hookline.schemas.avro.TriggerSymbol;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.avro.WebhookStatusSymbol;
import io.hookline.schemas.topics.TenantPartitioner;
import io.hookline.schemas.topics.Topics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import io.hookline.schemas.crypto.SecretCipher;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** Tasks and secrets for tests. */
public final class Fixtures {

    /** The secrets key of the tests, as {@code hookline.secrets.key} takes it. */
    public static final String KEY = SecretCipher.generateKey();

    public static final SecretCipher CIPHER = SecretCipher.fromBase64Key(KEY);

    private Fixtures() {
    }

    /** A new secret as API.md shows it: {@code whsec_} and base64 of 24 random bytes. */
    public static String newSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
    }

    /** A task for a new webhook, its secrets (plaintext, newest first) encrypted with {@link #CIPHER}. */
    public static DeliveryTask.Builder task(String url, String... secrets) {
        String webhookId = Ids.random(Ids.WEBHOOK);
        String eventId = Ids.random(Ids.EVENT);
        return DeliveryTask.newBuilder()
                .setDeliveryId(Ids.deliveryId(eventId, webhookId))
                .setWebhookId(webhookId)
                .setTenantId("team-" + webhookId.substring(3, 11))
                .setEventId(eventId)
                .setEventType("acronym.created")
                .setEventTimestamp(Instant.parse("2026-03-28T10:15:00Z"))
                .setData("{\"acronym\":\"API\",\"definition\":\"Application Programming Interface\"}")
                .setUrl(url)
                .setSecrets(List.of(secrets).stream().map(CIPHER::encrypt).toList())
                .setSendPlaintextSecret(false)
                .setRetryPolicy(null)
                .setAttempt(1)
                .setTrigger(TriggerSymbol.scheduled)
                .setCreatedAt(Instant.parse("2026-03-28T10:15:01Z"));
    }

    /** A delivery of another event to the same webhook, otherwise like {@code of}. */
    public static DeliveryTask another(DeliveryTask of) {
        String eventId = Ids.random(Ids.EVENT);
        return DeliveryTask.newBuilder(of).setEventId(eventId).setDeliveryId(Ids.deliveryId(eventId, of.getWebhookId())).build();
    }

    /** The enabled webhook a task belongs to, as the gateway would have written it. */
    public static Webhook.Builder webhookFor(DeliveryTask task) {
        return Webhook.newBuilder()
                .setId(task.getWebhookId())
                .setTenantId(task.getTenantId())
                .setUrl(task.getUrl())
                .setEvents(List.of("*"))
                .setStatus(WebhookStatusSymbol.active)
                .setEnabled(true)
                .setCreatedAt(Instant.parse("2026-03-28T10:00:00Z"))
                .setUpdatedAt(Instant.parse("2026-03-28T10:00:00Z"))
                .setSecrets(List.of())
                .setRetryPolicy(task.getRetryPolicy() == null ? new RetryPolicy("none", List.of()) : task.getRetryPolicy());
    }

    /** Writes the webhook's state to hookline.webhooks on its tenant's partition, and waits for the broker. */
    public static void publish(Producer<String, byte[]> producer, Webhook webhook) throws Exception {
        String topic = Topics.WEBHOOKS.name();
        byte[] value = Topics.WEBHOOKS.valueSerde().serializer().serialize(topic, webhook);
        int partition = TenantPartitioner.partitionFor(webhook.getTenantId(), Topics.WEBHOOKS.partitions());
        producer.send(new ProducerRecord<>(topic, partition, webhook.getId(), value)).get();
    }

    /** Makes the task's webhook known (enabled) to the deliverer. */
    public static void publishWebhookOf(Producer<String, byte[]> producer, DeliveryTask task) throws Exception {
        publish(producer, webhookFor(task).build());
    }
}
