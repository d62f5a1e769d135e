package io.hookline.deliverer.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.deliverer.Fixtures;
import io.hookline.deliverer.request.RequestFactory;
import io.hookline.deliverer.signing.Signer;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.TriggerSymbol;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The pending record of a task that waits before its first attempt (issue 13). */
class DeliveryJobPendingTest {

    private static final Instant NOW = Instant.parse("2026-03-28T10:15:07Z");

    private final List<DeliveryAttempt> recorded = new ArrayList<>();
    private final DeliveryJob job = new DeliveryJob(new RequestFactory(new Signer(Clock.fixed(NOW, ZoneOffset.UTC)), Fixtures.CIPHER,
            "X-Define-"), request -> {
                throw new AssertionError("a pending record sends nothing");
            }, attempt -> {
                recorded.add(attempt);
                return CompletableFuture.completedFuture(null);
            }, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void shouldRecordAFirstAttemptThatWaitsAsPendingWithItsReasonAndExpectedStart() {
        // given
        DeliveryTask task = Fixtures.task("https://example.com/hook", Fixtures.newSecret()).build();

        // when
        job.pending(task, "rate limited until 2026-03-28T10:15:09Z", NOW.plusSeconds(2));

        // then attempt 0 (none made yet), the body it will send, no duration
        assertThat(recorded).singleElement().satisfies(pending -> {
            assertThat(pending.getStatus().name()).isEqualTo("pending");
            assertThat(pending.getAttempt()).isZero();
            assertThat(pending.getDeliveryId()).isEqualTo(task.getDeliveryId());
            assertThat(pending.getError()).isEqualTo("rate limited until 2026-03-28T10:15:09Z");
            assertThat(pending.getNextAttemptAt()).isEqualTo(NOW.plusSeconds(2));
            assertThat(pending.getAttemptedAt()).isEqualTo(NOW);
            assertThat(pending.getDurationMs()).isZero();
            assertThat(pending.getRequestBody()).contains("\"acronym\":\"API\"");
        });
    }

    @Test
    void shouldNotRecordARetryOrARedeliveryThatWaitsAsPending() {
        // given a retry and a manual re-delivery: their deliveries show retrying or their last outcome meanwhile
        DeliveryTask retry = Fixtures.task("https://example.com/hook").setAttempt(2).setTrigger(TriggerSymbol.retry).build();
        DeliveryTask redelivery = Fixtures.task("https://example.com/hook").setAttempt(1).setTrigger(TriggerSymbol.manual).build();

        // when
        job.pending(retry, "waiting for a delivery slot", null);
        job.pending(redelivery, "waiting for a delivery slot", null);

        // then
        assertThat(recorded).isEmpty();
    }
}
