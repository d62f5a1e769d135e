package io.hookline.gateway.deliverylog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.ErrorCode;
import io.hookline.schemas.Ids;
import io.hookline.schemas.avro.AttemptStatusSymbol;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.RetryPolicy;
import io.hookline.schemas.avro.SigningSecret;
import io.hookline.schemas.avro.TriggerSymbol;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.avro.WebhookStatusSymbol;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class RedeliveriesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Instant T0 = NOW.minusSeconds(3600);

    static {
        // loading the topic catalog trusts our Avro classes
        io.hookline.schemas.topics.Topics.all();
    }

    private final MapStore store = new MapStore();
    private final DeliveryIndex index = new DeliveryIndex(() -> Optional.of(store));
    private final List<DeliveryTask> sent = new CopyOnWriteArrayList<>();
    private final Redeliveries redeliveries = new Redeliveries(index, task -> Mono.fromRunnable(() -> sent.add(task)),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void shouldQueueTheNextManualAttemptOfADeliveryWithTheWebhooksCurrentUrl() {
        // given a delivery that failed twice
        log("dlv_1", 1, "failed", T0);
        log("dlv_1", 2, "failed", T0.plusSeconds(5));
        // when
        DeliveryTask task = redeliveries.redeliver(webhook(true, "active"), "dlv_1").block();
        // then
        assertThat(sent).containsExactly(task);
        assertThat(task.getDeliveryId()).isEqualTo("dlv_1");
        assertThat(task.getAttempt()).isEqualTo(3);
        assertThat(task.getTrigger().name()).isEqualTo("manual");
        assertThat(task.getUrl()).isEqualTo("https://now.example/hook");
        assertThat(task.getData()).isEqualTo("{\"n\":1.50}");
    }

    @Test
    void shouldAnswerNotFoundForADeliveryOfAnotherWebhook() {
        index.apply(store, attempt("wh_other", "dlv_1", 1, "failed", T0));
        assertThatThrownBy(() -> redeliveries.redeliver(webhook(true, "active"), "dlv_1").block())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(sent).isEmpty();
    }

    @Test
    void shouldRefuseToRedeliverToADisabledOrDeletedWebhook() {
        log("dlv_1", 1, "failed", T0);
        assertThatThrownBy(() -> redeliveries.redeliver(webhook(false, "disabled"), "dlv_1").block())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThatThrownBy(() -> redeliveries.recover(webhook(true, "deleted"), all(T0, NOW)).block())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(sent).isEmpty();
    }

    @Test
    void shouldRecoverTheDeliveriesWhoseLatestStatusInTheWindowIsFailedOrSkipped() {
        // given a window [T0, T0 + 10 min)
        log("dlv_failed", 1, "failed", T0.plusSeconds(10));
        log("dlv_skipped", 1, "skipped", T0.plusSeconds(20));
        log("dlv_retried", 1, "failed", T0.plusSeconds(30));
        log("dlv_retried", 2, "succeeded", T0.plusSeconds(40));
        log("dlv_retrying", 1, "retrying", T0.plusSeconds(50));
        log("dlv_before", 1, "failed", T0.minusMillis(1));
        log("dlv_later", 1, "failed", T0.plusSeconds(60));
        log("dlv_later", 2, "succeeded", T0.plusSeconds(600)); // outside: in the window it had failed
        // when
        Integer queued = redeliveries.recover(webhook(true, "active"), all(T0, T0.plusSeconds(600))).block();
        // then
        assertThat(queued).isEqualTo(3);
        assertThat(sent).extracting(DeliveryTask::getDeliveryId).containsExactlyInAnyOrder("dlv_failed", "dlv_skipped", "dlv_later");
        assertThat(sent).filteredOn(t -> t.getDeliveryId().equals("dlv_later")).extracting(DeliveryTask::getAttempt).containsExactly(3);
        assertThat(sent).extracting(a -> a.getTrigger().name()).containsOnly("manual");
    }

    @Test
    void shouldRecoverOnlyTheChosenStatusAndEventType() {
        // given failed and skipped deliveries of two event types
        log("dlv_failed_a", 1, "failed", T0.plusSeconds(10));
        log("dlv_skipped_a", 1, "skipped", T0.plusSeconds(20));
        index.apply(store, DeliveryAttempt.newBuilder(attempt("wh_1", "dlv_failed_c", 1, "failed", T0.plusSeconds(30))).setEventType("c.d").build());
        // when only the failed ones of a.b are asked for
        Integer queued = redeliveries.recover(webhook(true, "active"), new Recovery(T0, NOW, Set.of("failed"), "a.b", false)).block();
        // then
        assertThat(queued).isEqualTo(1);
        assertThat(sent).extracting(DeliveryTask::getDeliveryId).containsExactly("dlv_failed_a");
    }

    @Test
    void shouldCountWithoutQueuingOnADryRun() {
        // given
        log("dlv_failed", 1, "failed", T0.plusSeconds(10));
        log("dlv_skipped", 1, "skipped", T0.plusSeconds(20));
        log("dlv_ok", 1, "succeeded", T0.plusSeconds(30));
        // when
        Integer wouldQueue = redeliveries.recover(webhook(true, "active"), new Recovery(T0, NOW, Redeliveries.RECOVERABLE, null, true)).block();
        // then the count is what a real run queues, and nothing was sent
        assertThat(wouldQueue).isEqualTo(2);
        assertThat(sent).isEmpty();
        assertThat(redeliveries.recover(webhook(true, "active"), all(T0, NOW)).block()).isEqualTo(wouldQueue);
    }

    @Test
    void shouldLeaveOutADeliveryWhoseLoggedBodyCannotBeSentAgain() {
        DeliveryAttempt foreign = DeliveryAttempt.newBuilder(attempt("wh_1", "dlv_foreign", 1, "failed", T0)).setRequestBody("{}").build();
        index.apply(store, foreign);
        log("dlv_1", 1, "failed", T0);
        assertThat(redeliveries.recover(webhook(true, "active"), all(T0, NOW)).block()).isEqualTo(1);
        assertThatThrownBy(() -> redeliveries.redeliver(webhook(true, "active"), "dlv_foreign").block())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    }

    private static Recovery all(Instant since, Instant until) {
        return new Recovery(since, until, Redeliveries.RECOVERABLE, null, false);
    }

    private void log(String deliveryId, int number, String status, Instant at) {
        index.apply(store, attempt("wh_1", deliveryId, number, status, at));
    }

    static DeliveryAttempt attempt(String webhookId, String deliveryId, int number, String status, Instant at) {
        String body = "{\"event\":\"a.b\",\"timestamp\":\"" + T0 + "\",\"webhook_id\":\"" + webhookId + "\",\"delivery_id\":\""
                + deliveryId + "\",\"tenant_id\":\"team_a\",\"data\":{\"n\":1.50}}";
        return DeliveryAttempt.newBuilder().setAttemptId(Ids.random(Ids.ATTEMPT)).setDeliveryId(deliveryId).setWebhookId(webhookId)
                .setTenantId("team_a").setEventId("evt_" + deliveryId).setEventType("a.b").setAttempt(number)
                .setTrigger(number == 1 ? TriggerSymbol.scheduled : TriggerSymbol.retry).setStatus(AttemptStatusSymbol.valueOf(status)).setAttemptedAt(at).setDurationMs(3)
                .setUrl("https://then.example/hook").setRequestHeaders(Map.of()).setRequestBody(body).build();
    }

    private static Webhook webhook(boolean enabled, String status) {
        return Webhook.newBuilder().setId("wh_1").setTenantId("team_a").setUrl("https://now.example/hook").setEvents(List.of("*"))
                .setStatus(WebhookStatusSymbol.valueOf(status)).setEnabled(enabled).setCreatedAt(T0).setUpdatedAt(T0)
                .setSecrets(List.of(new SigningSecret("v1.sealed", T0, null))).setRetryPolicy(new RetryPolicy("none", List.of()))
                .build();
    }
}
