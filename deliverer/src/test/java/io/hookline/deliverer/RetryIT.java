package io.hookline.deliverer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hookline.schemas.Ids;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.RetryPolicy;
import io.hookline.schemas.avro.WebhookAction;
import io.hookline.schemas.avro.WebhookCommand;
import io.hookline.schemas.avro.WebhookStatusSymbol;
import io.hookline.schemas.topics.TenantPartitioner;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.ReceivedRequest;
import io.hookline.testsupport.DeliveryLog;
import io.hookline.testsupport.TestKafka;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Retries through hookline.delivery-retries, and the deliverer's view of webhook state, on a real broker. */
class RetryIT {

    @RegisterExtension
    static final DelivererFixture fixture = DelivererFixture.with();

    @Test
    void shouldRetryByTheScheduleWithTheSameDeliveryIdAndRecordFailedWhenExhausted() throws Exception {
        // given an endpoint that always fails and a two-step schedule
        fixture.receiver().respondWith("/fails", 500, "boom");
        DeliveryTask task = Fixtures.task(fixture.receiver().url("/fails"), Fixtures.newSecret())
                .setRetryPolicy(new RetryPolicy("exponential", List.of("1s", "1s"))).build();

        // when
        fixture.publishWebhookOf(task);
        fixture.send(task);

        // then three attempts: retrying, retrying, failed, all of one delivery
        List<DeliveryAttempt> attempts = sorted(DeliveryLog.awaitAttempts(List.of(task.getWebhookId()), 3, Duration.ofSeconds(30)));
        assertThat(attempts).extracting(a -> a.getStatus().name()).containsExactly("retrying", "retrying", "failed");
        assertThat(attempts).extracting(DeliveryAttempt::getAttempt).containsExactly(1, 2, 3);
        assertThat(attempts).extracting(a -> a.getTrigger().name()).containsExactly("scheduled", "retry", "retry");
        assertThat(attempts).allSatisfy(a -> assertThat(a.getDeliveryId()).isEqualTo(task.getDeliveryId()));
        assertThat(attempts.get(0).getNextAttemptAt()).isNotNull();
        assertThat(attempts.get(1).getAttemptedAt()).isAfterOrEqualTo(attempts.get(0).getNextAttemptAt());
        assertThat(attempts.get(2).getNextAttemptAt()).isNull();
        assertThat(fixture.receiver().requests("/fails")).hasSize(3)
                .extracting(r -> r.headers().get("webhook-id")).containsOnly(task.getDeliveryId());
    }

    @Test
    void shouldStopOn410AndDisableTheWebhookWithTheReason() throws Exception {
        // given
        fixture.receiver().respondWith("/gone", 410, "gone");
        DeliveryTask task = Fixtures.task(fixture.receiver().url("/gone"), Fixtures.newSecret())
                .setRetryPolicy(new RetryPolicy("exponential", List.of("1s"))).build();
        fixture.publishWebhookOf(task);

        // when
        fixture.send(task);

        // then one failed attempt, and the gateway (hookline.webhooks' one writer) is asked to disable it with the reason
        DeliveryAttempt attempt = DeliveryLog.awaitAttempts(List.of(task.getWebhookId()), 1, Duration.ofSeconds(20)).get(0);
        assertThat(attempt.getStatus().name()).isEqualTo("failed");
        assertThat(attempt.getResponseCode()).isEqualTo(410);
        ConsumerRecord<String, WebhookCommand> disable = TestKafka.consumeUntil(Topics.WEBHOOK_COMMANDS, "it-read-" + Ids.random(""),
                        records -> records.stream().anyMatch(r -> task.getWebhookId().equals(r.key())), Duration.ofSeconds(20))
                .stream().filter(r -> task.getWebhookId().equals(r.key())).findFirst().orElseThrow();
        assertThat(disable.value().getAction()).isEqualTo(WebhookAction.DISABLE);
        assertThat(disable.value().getReason()).isEqualTo("endpoint answered 410 Gone");
        assertThat(disable.value().getTenantId()).isEqualTo(task.getTenantId());
        assertThat(disable.partition()).isEqualTo(TenantPartitioner.partitionFor(task.getTenantId(), Topics.WEBHOOK_COMMANDS.partitions()));

        // and a later task for it is skipped, not sent
        DeliveryTask later = DeliveryTask.newBuilder(task).setDeliveryId(Ids.random(Ids.DELIVERY)).build();
        fixture.send(later);
        List<DeliveryAttempt> both = DeliveryLog.awaitAttempts(List.of(task.getWebhookId()), 2, Duration.ofSeconds(20));
        assertThat(both).filteredOn(a -> a.getDeliveryId().equals(later.getDeliveryId())).singleElement()
                .satisfies(a -> assertThat(a.getStatus().name()).isEqualTo("skipped"));
        assertThat(fixture.receiver().requests("/gone")).hasSize(1);
    }

    @Test
    void shouldRecordTasksOfDisabledDeletedAndUnknownWebhooksAsSkipped() throws Exception {
        // given
        DeliveryTask ofDisabled = Fixtures.task(fixture.receiver().url("/disabled"), Fixtures.newSecret()).build();
        fixture.publish(Fixtures.webhookFor(ofDisabled).setEnabled(false).setStatus(WebhookStatusSymbol.disabled)
                .setDisabledReason("disabled by a person").build());
        DeliveryTask ofDeleted = Fixtures.task(fixture.receiver().url("/deleted"), Fixtures.newSecret()).build();
        fixture.publishWebhookOf(ofDeleted);
        fixture.producer().send(new ProducerRecord<>(Topics.WEBHOOKS.name(),
                TenantPartitioner.partitionFor(ofDeleted.getTenantId(), Topics.WEBHOOKS.partitions()), ofDeleted.getWebhookId(), null)).get();
        DeliveryTask ofUnknown = Fixtures.task(fixture.receiver().url("/unknown"), Fixtures.newSecret()).build();

        // when
        fixture.send(ofDisabled);
        fixture.send(ofDeleted);
        fixture.send(ofUnknown);

        // then
        List<String> ids = List.of(ofDisabled.getWebhookId(), ofDeleted.getWebhookId(), ofUnknown.getWebhookId());
        List<DeliveryAttempt> attempts = DeliveryLog.awaitAttempts(ids, 3, Duration.ofSeconds(20));
        assertThat(attempts).allSatisfy(a -> assertThat(a.getStatus().name()).isEqualTo("skipped"));
        assertThat(attempts).extracting(DeliveryAttempt::getError).containsExactlyInAnyOrder(
                "webhook disabled: disabled by a person", "webhook deleted", "webhook unknown");
        assertThat(fixture.receiver().requests()).extracting(ReceivedRequest::path).doesNotContain("/disabled", "/deleted", "/unknown");
    }

    @Test
    void shouldSkipAWaitingRetryOnceItsWebhookIsDisabled() throws Exception {
        // given a failing delivery waiting for its retry
        fixture.receiver().respondWith("/flaky", 503, "busy");
        DeliveryTask task = Fixtures.task(fixture.receiver().url("/flaky"), Fixtures.newSecret())
                .setRetryPolicy(new RetryPolicy("exponential", List.of("3s"))).build();
        fixture.publishWebhookOf(task);
        fixture.send(task);
        DeliveryLog.awaitAttempts(List.of(task.getWebhookId()), 1, Duration.ofSeconds(20));

        // when the webhook is disabled meanwhile
        fixture.publish(Fixtures.webhookFor(task).setEnabled(false).setStatus(WebhookStatusSymbol.disabled).build());

        // then the retry is recorded as skipped and not sent
        List<DeliveryAttempt> attempts = sorted(DeliveryLog.awaitAttempts(List.of(task.getWebhookId()), 2, Duration.ofSeconds(30)));
        assertThat(attempts).extracting(a -> a.getStatus().name()).containsExactly("retrying", "skipped");
        assertThat(attempts.get(1).getTrigger().name()).isEqualTo("retry");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> fixture.receiver().requests("/flaky").size() == 1);
    }

    private static List<DeliveryAttempt> sorted(List<DeliveryAttempt> attempts) {
        return attempts.stream().sorted(Comparator.comparing(DeliveryAttempt::getAttempt)).toList();
    }
}
