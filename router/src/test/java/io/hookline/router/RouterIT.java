package io.hookline.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hookline.schemas.Ids;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.RetryPolicy;
import io.hookline.schemas.avro.SigningSecret;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.avro.WebhookStatusSymbol;
import io.hookline.schemas.topics.TenantPartitioner;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.SharedKafka;
import io.hookline.testsupport.TestKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/** The router application against a real broker: webhook and events in, delivery tasks and dead letters out. */
class RouterIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path stateDir;

    private static ConfigurableApplicationContext router;
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void startRouter() {
        router = new SpringApplicationBuilder(RouterApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "hookline.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                        "hookline.router.application-id=router-it-" + UUID.randomUUID(),
                        "hookline.router.state-dir=" + stateDir)
                .run();
        producer = TestKafka.producer();
    }

    @AfterAll
    static void stopRouter() {
        if (producer != null) {
            producer.close();
        }
        if (router != null) {
            router.close();
        }
    }

    @Test
    void shouldReportUpOnceStreamsRun() {
        HealthIndicator health = router.getBean("routerHealthIndicator", HealthIndicator.class);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(health.health().getStatus()).isEqualTo(Status.UP));
    }

    @Test
    void shouldTurnJsonEventIntoDeliveryTaskForTenantsWebhook() throws Exception {
        // given a webhook written to its tenant's partition, as the gateway writes it
        String tenant = "it-" + UUID.randomUUID();
        String webhookId = Ids.random(Ids.WEBHOOK);
        writeWebhook(webhookId, tenant, "acronym.created");

        // when a producer writes a JSON event for that tenant straight to Kafka
        String eventId = Ids.random(Ids.EVENT);
        producer.send(new ProducerRecord<>(Topics.EVENTS.name(), tenant, utf8(
                "{\"type\":\"acronym.created\",\"id\":\"" + eventId + "\",\"tenant_id\":\"" + tenant
                        + "\",\"data\": {\"acronym\": \"API\"}}"))).get();

        // then the router writes one delivery task for the webhook
        DeliveryTask task = awaitTask(tenant, eventId);
        assertThat(task.getWebhookId()).isEqualTo(webhookId);
        assertThat(task.getDeliveryId()).isEqualTo(Ids.deliveryId(eventId, webhookId));
        assertThat(task.getUrl()).isEqualTo("https://example.com/hooks/" + webhookId);
        assertThat(task.getData()).isEqualTo("{\"acronym\":\"API\"}");
        assertThat(task.getSecrets()).containsExactly("ct-" + webhookId);
    }

    @Test
    void shouldDeadLetterGarbageAndRouteTheNextEvent() throws Exception {
        String tenant = "it-" + UUID.randomUUID();
        String webhookId = Ids.random(Ids.WEBHOOK);
        writeWebhook(webhookId, tenant, "*");

        // when garbage and then a good event arrive for the tenant
        byte[] garbage = {0x00, 0x01, 0x02, (byte) 0xFE};
        producer.send(new ProducerRecord<>(Topics.EVENTS.name(), tenant, garbage)).get();
        String eventId = Ids.random(Ids.EVENT);
        producer.send(new ProducerRecord<>(Topics.EVENTS.name(), tenant, utf8(
                "{\"type\":\"user.created\",\"id\":\"" + eventId + "\",\"data\":{}}"))).get();

        // then the garbage is dead-lettered, with its reason, and the good event is still routed
        List<ConsumerRecord<String, byte[]>> dead = TestKafka.consumeUntil(Topics.EVENTS_DLQ, "router-it-" + UUID.randomUUID(),
                read -> read.stream().anyMatch(r -> tenant.equals(r.key())), TIMEOUT);
        ConsumerRecord<String, byte[]> letter = dead.stream().filter(r -> tenant.equals(r.key())).findFirst().orElseThrow();
        assertThat(letter.value()).isEqualTo(garbage);
        Header reason = letter.headers().lastHeader(Topics.DLQ_REASON_HEADER);
        assertThat(reason).isNotNull();
        assertThat(new String(reason.value(), StandardCharsets.UTF_8))
                .contains("neither an Avro single-object encoded Event nor a JSON object");
        assertThat(awaitTask(tenant, eventId).getWebhookId()).isEqualTo(webhookId);
    }

    private void writeWebhook(String webhookId, String tenant, String type) throws Exception {
        Instant now = Instant.now();
        Webhook webhook = Webhook.newBuilder()
                .setId(webhookId)
                .setTenantId(tenant)
                .setUrl("https://example.com/hooks/" + webhookId)
                .setEvents(List.of(type))
                .setStatus(WebhookStatusSymbol.active)
                .setEnabled(true)
                .setCreatedAt(now)
                .setUpdatedAt(now)
                .setSecrets(List.of(SigningSecret.newBuilder().setCiphertext("ct-" + webhookId).setCreatedAt(now).build()))
                .setRetryPolicy(RetryPolicy.newBuilder().build())
                .build();
        int partition = TenantPartitioner.partitionFor(tenant, Topics.WEBHOOKS.partitions());
        byte[] value = Topics.WEBHOOKS.valueSerde().serializer().serialize(Topics.WEBHOOKS.name(), webhook);
        producer.send(new ProducerRecord<>(Topics.WEBHOOKS.name(), partition, webhookId, value)).get();
    }

    private static DeliveryTask awaitTask(String tenant, String eventId) {
        List<ConsumerRecord<String, DeliveryTask>> read = TestKafka.consumeUntil(Topics.DELIVERIES, "router-it-" + UUID.randomUUID(),
                records -> records.stream().anyMatch(r -> isFor(r.value(), tenant, eventId)), TIMEOUT);
        List<DeliveryTask> tasks = read.stream().map(ConsumerRecord::value).filter(t -> isFor(t, tenant, eventId)).toList();
        assertThat(tasks).hasSize(1);
        return tasks.get(0);
    }

    private static boolean isFor(DeliveryTask task, String tenant, String eventId) {
        return task != null && tenant.equals(task.getTenantId()) && eventId.equals(task.getEventId());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
