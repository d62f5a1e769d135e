package io.hookline.gateway.deliverylog;

import static io.hookline.gateway.deliverylog.Attempts.attempt;
import static io.hookline.gateway.deliverylog.DeliveryPagesTest.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.schemas.avro.DeliveryAttempt;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which row a delivery gets when the deliverer's backlog holds a task of it (issue 13). */
class QueuedRowsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    static {
        io.hookline.schemas.topics.Topics.all();
    }

    @Test
    void shouldShowARoutedDeliveryWithoutAnyRecordAsQueued() {
        // given a task the index knows nothing of
        QueuedTask task = task("dlv_1", 1, "scheduled", NOW);

        // when
        DeliveryJson.Row row = QueuedRows.row(List.of(), task);

        // then
        assertThat(row.status()).isEqualTo("pending");
        assertThat(row.reason()).isEqualTo("queued for delivery");
        assertThat(row.attempts()).isZero();
        assertThat(row.lastAttemptAt()).isNull();
        assertThat(row.eventId()).isEqualTo("evt_dlv_1");
        assertThat(row.responseCode()).isNull();
    }

    @Test
    void shouldNeverOverrideARealAttemptOfTheTasksNumber() {
        // given the task's attempt already indexed (the deliverer's offset lags its records)
        List<DeliveryAttempt> indexed = List.of(attempt("wh_1", "dlv_1", 1, "succeeded", 200, "ok", null, NOW));

        // when / then
        assertThat(QueuedRows.row(indexed, task("dlv_1", 1, "scheduled", NOW)).status()).isEqualTo("succeeded");
    }

    @Test
    void shouldPreferTheDeliverersOwnPendingRecordWhichSaysWhyMorePrecisely() {
        // given the deliverer recorded the wait (a rate limit)
        List<DeliveryAttempt> indexed = List.of(attempt("wh_1", "dlv_1", 0, "pending", null, null, "rate limited until 2026-11-23T12:00:05Z", NOW));

        // when
        DeliveryJson.Row row = QueuedRows.row(indexed, task("dlv_1", 1, "scheduled", NOW));

        // then
        assertThat(row.status()).isEqualTo("pending");
        assertThat(row.reason()).startsWith("rate limited until");
    }

    @Test
    void shouldShowAQueuedRedeliveryAsPendingWithTheAttemptsMadeBeforeIt() {
        // given a failed delivery and its manual re-delivery queued
        List<DeliveryAttempt> indexed = List.of(attempt("wh_1", "dlv_1", 1, "failed", 500, "down", null, NOW));

        // when
        DeliveryJson.Row row = QueuedRows.row(indexed, task("dlv_1", 2, "manual", NOW.plusSeconds(60)));
        DeliveryJson.Detail detail = QueuedRows.detail(indexed, task("dlv_1", 2, "manual", NOW.plusSeconds(60)));

        // then pending until the re-delivery's attempt ends, the earlier attempt still counted and shown
        assertThat(row.status()).isEqualTo("pending");
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(row.lastAttemptAt()).isEqualTo(NOW.toString());
        assertThat(detail.status()).isEqualTo("pending");
        assertThat(detail.attempts()).hasSize(1);
    }

    @Test
    void shouldLeaveARetryToItsPreviousAttemptsRow() {
        // given a retry back from the retry topic
        List<DeliveryAttempt> indexed = List.of(attempt("wh_1", "dlv_1", 1, "retrying", 503, "busy", null, NOW));

        // when / then
        assertThat(QueuedRows.row(indexed, task("dlv_1", 2, "retry", NOW.plusSeconds(30))).status()).isEqualTo("retrying");
    }

    @Test
    void shouldShowAQueuedDeliveryInFullWithItsUrlAndNoAttempt() {
        // when
        DeliveryJson.Detail detail = QueuedRows.detail(List.of(), task("dlv_1", 1, "scheduled", NOW));

        // then
        assertThat(detail.status()).isEqualTo("pending");
        assertThat(detail.attempts()).isEmpty();
        assertThat(detail.request().url()).isEqualTo("https://example.com/hook");
        assertThat(QueuedRows.detail(List.of(), null)).isNull();
    }
}
