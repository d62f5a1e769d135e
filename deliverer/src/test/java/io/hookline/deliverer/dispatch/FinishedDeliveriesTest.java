package io.hookline.deliverer.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.deliverer.Fixtures;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.TriggerSymbol;
import org.junit.jupiter.api.Test;

class FinishedDeliveriesTest {

    private final FinishedDeliveries finished = new FinishedDeliveries(3);

    @Test
    void shouldCoverATaskWhoseAttemptOrALaterOneIsRecorded() {
        // given
        DeliveryTask first = task("dlv_a", 1, "scheduled");
        DeliveryTask retry = task("dlv_a", 2, "retry");

        // when attempt 2 of the delivery is recorded
        finished.recorded("dlv_a", 2);

        // then both the re-read first attempt and the re-read retry are covered, an unknown delivery is not
        assertThat(finished.covers(first)).isTrue();
        assertThat(finished.covers(retry)).isTrue();
        assertThat(finished.covers(task("dlv_b", 1, "scheduled"))).isFalse();
    }

    @Test
    void shouldNotCoverTheNextAttemptOfARetryingDelivery() {
        // given attempt 1 recorded as retrying
        finished.recorded("dlv_a", 1);

        // then attempt 2, coming back from the retry topic, is sent
        assertThat(finished.covers(task("dlv_a", 2, "retry"))).isFalse();
    }

    @Test
    void shouldNeverCoverAManualRedelivery() {
        // given a delivery recorded up to attempt 3
        finished.recorded("dlv_a", 3);

        // then a manual re-delivery, even of an attempt number already recorded, is sent
        assertThat(finished.covers(task("dlv_a", 3, "manual"))).isFalse();
        assertThat(finished.start(task("dlv_a", 3, "manual"))).isTrue();
    }

    @Test
    void shouldForgetTheOldestRecordedDeliveryBeyondItsCapacity() {
        // given a capacity of 3, with dlv_a recorded first and then recorded again (it becomes the newest)
        finished.recorded("dlv_a", 1);
        finished.recorded("dlv_b", 1);
        finished.recorded("dlv_a", 2);
        finished.recorded("dlv_c", 1);

        // when a fourth delivery is recorded
        finished.recorded("dlv_d", 1);

        // then the oldest, dlv_b, is forgotten (sent again if re-read), the others are kept
        assertThat(finished.size()).isEqualTo(3);
        assertThat(finished.covers(task("dlv_b", 1, "scheduled"))).isFalse();
        assertThat(finished.covers(task("dlv_a", 2, "retry"))).isTrue();
        assertThat(finished.covers(task("dlv_d", 1, "scheduled"))).isTrue();
    }

    @Test
    void shouldNotStartASecondCopyOfAnAttemptWhileTheFirstRuns() {
        // given the first copy started
        DeliveryTask task = task("dlv_a", 1, "scheduled");
        assertThat(finished.start(task)).isTrue();

        // when a second copy (the router's, after a crash) would start
        boolean second = finished.start(DeliveryTask.newBuilder(task).build());

        // then it is not sent, and once the first is recorded no copy is
        assertThat(second).isFalse();
        finished.end(task, true);
        assertThat(finished.start(task)).isFalse();
    }

    @Test
    void shouldStartAgainWhenTheRunningAttemptWasNotRecorded() {
        // given a started attempt that ended without a record (deferred behind an open circuit)
        DeliveryTask task = task("dlv_a", 1, "scheduled");
        finished.start(task);

        // when it ends unrecorded
        finished.end(task, false);

        // then the deferred task, coming back, is sent
        assertThat(finished.start(task)).isTrue();
    }

    private static DeliveryTask task(String deliveryId, int attempt, String trigger) {
        return Fixtures.task("https://127.0.0.1/hook").setDeliveryId(deliveryId).setAttempt(attempt).setTrigger(TriggerSymbol.valueOf(trigger)).build();
    }
}
