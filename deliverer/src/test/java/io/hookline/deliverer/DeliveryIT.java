package io.hookline.deliverer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.standardwebhooks.Webhook;
import io.hookline.deliverer.dispatch.DeadLetters;
import io.hookline.schemas.Ids;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.ReceivedRequest;
import io.hookline.testsupport.SharedKafka;
import io.hookline.testsupport.DeliveryLog;
import io.hookline.testsupport.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The deliverer application against a real broker and a real HTTPS receiver on loopback. */
class DeliveryIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @RegisterExtension
    static final DelivererFixture fixture = DelivererFixture.with("hookline.delivery.timeout=" + TIMEOUT.toSeconds() + "s",
            "hookline.delivery.max-in-flight-per-endpoint=4");

    @Test
    void shouldNotDelayHealthyEndpointWhileAnotherHangs() throws Exception {
        // given six tasks for a hanging endpoint (4 in flight, 2 queued behind its limit), all on partition 0
        fixture.receiver().hang("/hang");
        String hangingWebhook = Ids.random(Ids.WEBHOOK);
        String secret = Fixtures.newSecret();
        List<DeliveryTask> hanging = IntStream.range(0, 6)
                .mapToObj(i -> Fixtures.task(fixture.receiver().url("/hang"), secret).setWebhookId(hangingWebhook).build())
                .toList();
        for (DeliveryTask task : hanging) {
            send(task, 0);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.receiver().requests("/hang").size() == 4);
        DeliveryTask healthy = Fixtures.task(fixture.receiver().url("/healthy"), Fixtures.newSecret()).build();

        // when a task for a healthy endpoint comes next on the same partition
        send(healthy, 0);

        // then it arrives while the hanging attempts have not timed out yet (by the receiver's own timestamps)
        ReceivedRequest arrived = await().atMost(Duration.ofSeconds(10))
                .until(() -> fixture.receiver().requests("/healthy"), list -> !list.isEmpty()).get(0);
        Instant firstHangingSent = fixture.receiver().requests("/hang").stream().map(ReceivedRequest::receivedAt).min(Instant::compareTo).orElseThrow();
        assertThat(arrived.receivedAt()).isBefore(firstHangingSent.plus(TIMEOUT));
        assertThat(fixture.receiver().requests("/hang")).hasSize(4);

        // and later every attempt is on the delivery log: the hanging ones timed out, the healthy one succeeded
        Map<String, DeliveryAttempt> byDelivery = DeliveryLog.awaitAttempts(List.of(hangingWebhook, healthy.getWebhookId()), 7, Duration.ofSeconds(40))
                .stream().collect(Collectors.toMap(DeliveryAttempt::getDeliveryId, a -> a, (a, b) -> a));
        DeliveryAttempt healthyAttempt = byDelivery.get(healthy.getDeliveryId());
        assertThat(healthyAttempt.getStatus().name()).isEqualTo("succeeded");
        // by the attempts' own timestamps: the healthy one ended before any hanging one did
        Instant healthyEnded = healthyAttempt.getAttemptedAt().plusMillis(healthyAttempt.getDurationMs());
        assertThat(hanging).allSatisfy(task -> {
            DeliveryAttempt attempt = byDelivery.get(task.getDeliveryId());
            assertThat(healthyEnded).isBefore(attempt.getAttemptedAt().plusMillis(attempt.getDurationMs()));
        });
        for (DeliveryTask task : hanging) {
            DeliveryAttempt attempt = byDelivery.get(task.getDeliveryId());
            assertThat(attempt.getStatus().name()).isEqualTo("failed");
            assertThat(attempt.getError()).isEqualTo("timed out after 5s");
            assertThat(attempt.getResponseCode()).isNull();
        }
    }

    @Test
    void shouldDeliverASignedBodyThatVerifiesRecordItAndCommitItsOffset() throws Exception {
        // given
        String secret = Fixtures.newSecret();
        DeliveryTask task = Fixtures.task(fixture.receiver().url("/signed"), secret).build();

        // when
        RecordMetadata written = send(task, 1);

        // then the receiver got a body and headers that verify
        ReceivedRequest request = await().atMost(Duration.ofSeconds(10))
                .until(() -> fixture.receiver().requests("/signed"), list -> !list.isEmpty()).get(0);
        Map<String, List<String>> headers = request.headers().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
        new Webhook(secret).verify(request.body(), headers);
        assertThat(request.header("x-define-signature")).isEqualTo("sha256=" + hmacHex(secret, request.body()));
        assertThat(request.header("webhook-id")).isEqualTo(task.getDeliveryId());
        assertThat(request.header("x-define-webhook-id")).isEqualTo(task.getWebhookId());
        assertThat(request.header("x-define-event")).isEqualTo("acronym.created");
        assertThat(request.header("content-type")).isEqualTo("application/json");
        assertThat(request.header("user-agent")).startsWith("Hookline/");
        assertThat(request.header("x-webhook-secret")).isNull();
        assertThat(request.body()).isEqualTo("{\"event\":\"acronym.created\",\"timestamp\":\"2026-03-28T10:15:00Z\",\"webhook_id\":\""
                + task.getWebhookId() + "\",\"delivery_id\":\"" + task.getDeliveryId() + "\",\"tenant_id\":\"" + task.getTenantId()
                + "\",\"data\":" + task.getData() + "}");

        // and the attempt is on the delivery log
        DeliveryAttempt attempt = DeliveryLog.awaitAttempts(List.of(task.getWebhookId()), 1, Duration.ofSeconds(20)).get(0);
        assertThat(attempt.getStatus().name()).isEqualTo("succeeded");
        assertThat(attempt.getResponseCode()).isEqualTo(200);
        assertThat(attempt.getResponseBody()).isEqualTo("ok");
        assertThat(attempt.getRequestHeaders()).containsKeys("webhook-signature", "X-Define-Signature");
        assertThat(attempt.getRequestBody()).isEqualTo(request.body());

        // and its offset is committed
        TopicPartition partition = new TopicPartition(Topics.DELIVERIES.name(), written.partition());
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(fixture.deliverer().group)
                        .partitionsToOffsetAndMetadata().get().get(partition);
                assertThat(committed).isNotNull();
                assertThat(committed.offset()).isGreaterThan(written.offset());
            });
        }
    }

    @Test
    void shouldRecordAServerErrorWithItsCodeAndBody() throws Exception {
        // given
        fixture.receiver().respondWith("/broken", 500, "boom: database down");
        DeliveryTask task = Fixtures.task(fixture.receiver().url("/broken"), Fixtures.newSecret()).build();

        // when
        send(task, 2);

        // then
        DeliveryAttempt attempt = DeliveryLog.awaitAttempts(List.of(task.getWebhookId()), 1, Duration.ofSeconds(20)).get(0);
        assertThat(attempt.getStatus().name()).isEqualTo("failed");
        assertThat(attempt.getResponseCode()).isEqualTo(500);
        assertThat(attempt.getResponseBody()).isEqualTo("boom: database down");
        assertThat(attempt.getError()).isEqualTo("HTTP 500");
        assertThat(attempt.getResponseHeaders()).containsKey("content-type");
    }

    @Test
    void shouldSendUndecodableRecordsToTheDeadLetterTopicAndDeliverTheNextTask() throws Exception {
        // given garbage, then a good task, on the same partition
        String garbageKey = Ids.random(Ids.WEBHOOK);
        fixture.producer().send(new ProducerRecord<>(Topics.DELIVERIES.name(), 3, garbageKey,
                "not avro at all".getBytes(StandardCharsets.UTF_8))).get();
        DeliveryTask good = Fixtures.task(fixture.receiver().url("/after-garbage"), Fixtures.newSecret()).build();

        // when
        send(good, 3);

        // then the good task is delivered
        await().atMost(Duration.ofSeconds(10)).until(() -> !fixture.receiver().requests("/after-garbage").isEmpty());
        assertThat(DeliveryLog.awaitAttempts(List.of(good.getWebhookId()), 1, Duration.ofSeconds(20)).get(0).getStatus().name()).isEqualTo("succeeded");

        // and the garbage is on the dead-letter topic, unchanged, with a reason
        ConsumerRecord<String, byte[]> letter = TestKafka.consumeUntil(DeadLetters.TOPIC, "it-read-" + Ids.random(""),
                records -> records.stream().anyMatch(r -> garbageKey.equals(r.key())), Duration.ofSeconds(20))
                .stream().filter(r -> garbageKey.equals(r.key())).findFirst().orElseThrow();
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("not avro at all");
        Header reason = letter.headers().lastHeader(Topics.DLQ_REASON_HEADER);
        assertThat(reason).isNotNull();
        assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("DeliveryTask");
    }

    private static RecordMetadata send(DeliveryTask task, int partition) throws Exception {
        fixture.publishWebhookOf(task);
        return fixture.send(task, partition);
    }

    private static String hmacHex(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
