package io.hookline.gateway.deliverylog;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.TriggerSymbol;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.SharedKafka;
import io.hookline.testsupport.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** The read of the deliverer's backlog on a real broker: its bounds, its reuse, and whose tasks it keeps. */
class KafkaBacklogIT {

    private final AtomicLong nanos = new AtomicLong();

    @Test
    void shouldKeepTheNewestTasksAndSayItWasCutWhenTheBacklogIsLongerThanItsBound() throws Exception {
        // given 30 tasks of one webhook, no deliverer group offset (so all of them are queued)
        String webhookId = "wh_" + UUID.randomUUID();
        List<DeliveryTask> tasks = route(webhookId, "team_a", 30);

        // when read with a bound of 10 records
        try (KafkaBacklog backlog = backlog(new KafkaBacklog.Bounds(10, Duration.ofSeconds(5), Duration.ZERO))) {
            Backlog read = backlog.of(webhookId);

            // then it is cut, and what it holds is the newest ten
            assertThat(read.cut()).isTrue();
            assertThat(read.of(webhookId, "team_a").keySet())
                    .containsExactlyInAnyOrderElementsOf(tasks.subList(20, 30).stream().map(DeliveryTask::getDeliveryId).toList());
        }
    }

    @Test
    void shouldReadTheWholeBacklogWithinItsBoundsAndKeepAnotherTeamsTasksOut() throws Exception {
        // given three tasks of a webhook, and one that names the webhook for another team
        String webhookId = "wh_" + UUID.randomUUID();
        List<DeliveryTask> tasks = route(webhookId, "team_a", 3);
        route(webhookId, "team_b", 1);

        // when read with the production bounds
        try (KafkaBacklog backlog = backlog(KafkaBacklog.Bounds.DEFAULT)) {
            Backlog read = backlog.of(webhookId);

            // then not cut (unless the shared partition outgrew the bound), and the team's three only
            assertThat(read.of(webhookId, "team_a").keySet()).containsExactlyInAnyOrderElementsOf(tasks.stream().map(DeliveryTask::getDeliveryId).toList());
            assertThat(read.of(webhookId, "team_b")).hasSize(1);
            assertThat(read.of(webhookId, "team_c")).isEmpty();
        }
    }

    @Test
    void shouldSayTheReadWasCutWhenItsTimeIsUp() throws Exception {
        // given a task queued
        String webhookId = "wh_" + UUID.randomUUID();
        route(webhookId, "team_a", 1);

        // when read with no time at all for records
        try (KafkaBacklog backlog = backlog(new KafkaBacklog.Bounds(10_000, Duration.ZERO, Duration.ZERO))) {
            // then it says so rather than answering late
            assertThat(backlog.of(webhookId).cut()).isTrue();
        }
    }

    @Test
    void shouldReuseARecentReadOfThePartitionAndReadAgainOnceItIsStale() throws Exception {
        // given a read of a webhook's partition
        String webhookId = "wh_" + UUID.randomUUID();
        route(webhookId, "team_a", 1);
        try (KafkaBacklog backlog = backlog(new KafkaBacklog.Bounds(10_000, Duration.ofSeconds(5), Duration.ofSeconds(1)))) {
            assertThat(backlog.of(webhookId).of(webhookId, "team_a")).hasSize(1);

            // when another task comes within the second, and is asked for again
            route(webhookId, "team_a", 1);

            // then the read is reused; once a second has passed, read again
            assertThat(backlog.of(webhookId).of(webhookId, "team_a")).hasSize(1);
            nanos.addAndGet(Duration.ofMillis(1_001).toNanos());
            assertThat(backlog.of(webhookId).of(webhookId, "team_a")).hasSize(2);
        }
    }

    private KafkaBacklog backlog(KafkaBacklog.Bounds bounds) {
        KafkaConnection connection = new KafkaConnection(SharedKafka.bootstrapServers());
        String group = "no-deliverer-" + UUID.randomUUID(); // never committed: the whole partition is the backlog
        return new KafkaBacklog(Admin.create(connection.admin()),
                new KafkaConsumer<>(connection.consumer(null), new StringDeserializer(), new ByteArrayDeserializer()), group, bounds, nanos::get);
    }

    private static List<DeliveryTask> route(String webhookId, String team, int n) throws Exception {
        List<DeliveryTask> tasks = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
            for (int i = 0; i < n; i++) {
                Instant now = Instant.now();
                DeliveryTask task = DeliveryTask.newBuilder().setDeliveryId("dlv_" + UUID.randomUUID()).setWebhookId(webhookId)
                        .setTenantId(team).setEventId("evt_" + i).setEventType("acronym.created").setEventTimestamp(now).setData("{}")
                        .setUrl("https://example.com/hook").setSecrets(List.of()).setAttempt(1).setTrigger(TriggerSymbol.scheduled).setCreatedAt(now).build();
                producer.send(new ProducerRecord<>(Topics.DELIVERIES.name(), webhookId,
                        Topics.DELIVERIES.valueSerde().serializer().serialize(Topics.DELIVERIES.name(), task))).get(30, TimeUnit.SECONDS);
                tasks.add(task);
            }
        }
        return tasks;
    }
}
