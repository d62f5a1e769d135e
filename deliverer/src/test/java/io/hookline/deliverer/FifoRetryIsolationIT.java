package io.hookline.deliverer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hookline.schemas.Ids;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.OrderingSymbol;
import io.hookline.schemas.avro.RetryPolicy;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.SharedKafka;
import io.hookline.testsupport.TestKafka;
import io.hookline.testsupport.TestReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * FIFO webhooks waiting a long time to retry, through the real deliverer and broker: they must hold
 * no global slot (another team's deliveries go on) and no offset (a restart re-sends nothing).
 * Scaled down: 8 global slots, 16 FIFO webhooks each failing once with a one-hour step.
 */
class FifoRetryIsolationIT {

    private static final int FIFO_WEBHOOKS = 16;
    private static final int PARTITION = 2;

    private static TestReceiver receiver;
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void start() {
        receiver = TestReceiver.https();
        producer = TestKafka.producer();
    }

    @AfterAll
    static void stop() {
        producer.close();
        receiver.close();
    }

    @Test
    void shouldKeepDeliveringAnotherTeamsWebhookWhileManyFifoWebhooksWaitToRetry() throws Exception {
        try (RunningDeliverer deliverer = RunningDeliverer.start(properties())) {
            // given 16 FIFO webhooks of team A that fail once and then wait an hour to retry, each with a follower
            List<DeliveryTask> fifo = failingFifoWebhooks("/iso/a/");
            for (DeliveryTask task : fifo) {
                send(task, null);
                send(next(task), null);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> requestsUnder("/iso/a/") >= FIFO_WEBHOOKS);

            // when team B's healthy webhook gets three deliveries
            DeliveryTask healthy = Fixtures.task(receiver.url("/iso/b/ok"), Fixtures.newSecret()).setTenantId("team-b").build();
            Fixtures.publishWebhookOf(producer, healthy);
            for (int i = 0; i < 3; i++) {
                send(next(healthy), null);
            }

            // then all three arrive, while every FIFO webhook is still waiting (first attempts only, followers held back)
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests("/iso/b/ok").size() >= 3);
            assertThat(requestsUnder("/iso/a/")).isEqualTo(FIFO_WEBHOOKS);
            assertThat(receiver.requests().stream().filter(r -> r.path().endsWith("/next")).toList()).isEmpty();
        }
    }

    @Test
    void shouldCommitPastAWaitingFifoRetrySoThatARestartResendsNothing() throws Exception {
        String group = "it-fifo-restart-" + Ids.random("");
        DeliveryTask fifo = failingFifoWebhooks("/iso/restart-a/").get(0);
        DeliveryTask healthy = Fixtures.task(receiver.url("/iso/restart-b/first"), Fixtures.newSecret()).setTenantId("team-b").build();
        Fixtures.publishWebhookOf(producer, healthy);
        RecordMetadata healthyRecord;
        try (RunningDeliverer deliverer = RunningDeliverer.startInGroup(group, properties())) {
            // given a FIFO webhook waiting an hour to retry, and then a healthy delivery, on the same partition
            send(fifo, PARTITION);
            await().atMost(Duration.ofSeconds(20)).until(() -> requestsUnder("/iso/restart-a/") >= 1);
            healthyRecord = send(healthy, PARTITION);
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests("/iso/restart-b/first").size() == 1);

            // then the group commits past the healthy delivery although the FIFO retry still waits
            await().atMost(Duration.ofSeconds(20)).until(() -> committed(group) > healthyRecord.offset());
        }

        // when the deliverer restarts in the same group and gets one more delivery on that partition
        try (RunningDeliverer restarted = RunningDeliverer.startInGroup(group, properties())) {
            DeliveryTask marker = DeliveryTask.newBuilder(next(healthy)).setUrl(receiver.url("/iso/restart-b/marker")).build();
            send(marker, PARTITION);
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests("/iso/restart-b/marker").size() == 1);

            // then what had succeeded before the restart was not sent again
            assertThat(receiver.requests("/iso/restart-b/first")).hasSize(1);
        }
    }

    private static String[] properties() {
        return new String[] {
                "hookline.delivery.timeout=5s",
                "hookline.delivery.allowed-cidrs=127.0.0.0/8",
                "hookline.delivery.extra-ca-certs=" + receiver.caCertificatePem(),
                "hookline.delivery.max-in-flight=8",
                "hookline.delivery.max-buffered=200"};
    }

    private static List<DeliveryTask> failingFifoWebhooks(String prefix) throws Exception {
        List<DeliveryTask> tasks = new ArrayList<>();
        for (int i = 0; i < FIFO_WEBHOOKS; i++) {
            receiver.respondWith(prefix + i, 503, "busy");
            DeliveryTask task = Fixtures.task(receiver.url(prefix + i), Fixtures.newSecret()).setTenantId("team-a").setOrdering(OrderingSymbol.fifo)
                    .setRetryPolicy(new RetryPolicy("exponential", List.of("1h"))).build();
            Fixtures.publishWebhookOf(producer, task);
            tasks.add(task);
        }
        return tasks;
    }

    /** Another delivery of the same webhook, to {@code <url>/next} for FIFO ones so that the test sees if it overtook. */
    private static DeliveryTask next(DeliveryTask of) {
        String eventId = Ids.random(Ids.EVENT);
        DeliveryTask.Builder next = DeliveryTask.newBuilder(of).setEventId(eventId).setDeliveryId(Ids.deliveryId(eventId, of.getWebhookId()));
        return "fifo".equals(of.getOrdering().name()) ? next.setUrl(of.getUrl() + "/next").build() : next.build();
    }

    private static long requestsUnder(String prefix) {
        return receiver.requests().stream().filter(r -> r.path().startsWith(prefix)).count();
    }

    private static RecordMetadata send(DeliveryTask task, Integer partition) throws Exception {
        return DelivererFixture.send(producer, task, partition);
    }

    private static long committed(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata offset = offsets.get(new TopicPartition(Topics.DELIVERIES.name(), PARTITION));
            return offset == null ? -1 : offset.offset();
        }
    }
}
