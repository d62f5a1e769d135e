package io.hookline.deliverer.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.deliverer.Fixtures;
import io.hookline.deliverer.request.RequestFactory;
import io.hookline.deliverer.retry.RetryRules;
import io.hookline.deliverer.signing.Signer;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.RetryPolicy;
import io.hookline.schemas.avro.TriggerSymbol;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** What the job does after an attempt: schedule the next, give up, disable, or skip without sending. */
class DeliveryJobRetryTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-28T10:15:07Z"), ZoneOffset.UTC);
    private final List<DeliveryAttempt> recorded = new ArrayList<>();
    private final List<DeliveryTask> scheduled = new ArrayList<>();
    private final List<String> disabled = new ArrayList<>();
    private final List<String> sentTo = new ArrayList<>();
    private int status = 500;
    private Optional<String> skip = Optional.empty();

    private final WebhookGate gate = new WebhookGate() {
        @Override
        public CompletionStage<Optional<String>> skipReason(DeliveryTask task) {
            return CompletableFuture.completedFuture(skip);
        }

        @Override
        public CompletionStage<Void> disable(DeliveryTask task, String reason) {
            disabled.add(task.getWebhookId() + ": " + reason);
            return CompletableFuture.completedFuture(null);
        }
    };
    private final DeliveryJob job = job(new RequestFactory(new Signer(clock), Fixtures.CIPHER, "X-Define-"),
            request -> {
                sentTo.add(request.url());
                return CompletableFuture.completedFuture(new DeliveryOutcome.Responded(status, Map.of(), "answer"));
            },
            attempt -> {
                recorded.add(attempt);
                return CompletableFuture.completedFuture(null);
            },
            next -> {
                scheduled.add(next);
                return CompletableFuture.completedFuture(null);
            }, gate, DeliveryJob.Rules.withoutCircuits(new RetryRules(() -> 0.5), clock));

    private DeliveryTask.Builder exponential(String... schedule) {
        return Fixtures.task("https://example.com/hook", Fixtures.newSecret())
                .setRetryPolicy(new RetryPolicy("exponential", List.of(schedule)));
    }

    @Test
    void shouldScheduleTheNextAttemptAndRecordThisOneAsRetrying() {
        // given
        DeliveryTask task = exponential("5s", "5m").build();

        // when
        job.run(task);

        // then
        Instant next = clock.instant().plusSeconds(5);
        assertThat(scheduled).singleElement().satisfies(t -> {
            assertThat(t.getDeliveryId()).isEqualTo(task.getDeliveryId());
            assertThat(t.getAttempt()).isEqualTo(2);
            assertThat(t.getTrigger().name()).isEqualTo("retry");
            assertThat(t.getNotBefore()).isEqualTo(next);
            assertThat(t.getFirstAttemptedAt()).isEqualTo(clock.instant());
        });
        assertThat(recorded).singleElement().satisfies(a -> {
            assertThat(a.getStatus().name()).isEqualTo("retrying");
            assertThat(a.getNextAttemptAt()).isEqualTo(next);
            assertThat(a.getResponseCode()).isEqualTo(500);
        });
    }

    @Test
    void shouldRecordFailedOnceTheScheduleIsExhausted() {
        // given the third attempt of a two-step schedule
        DeliveryTask task = exponential("5s", "5m").setAttempt(3).setTrigger(TriggerSymbol.retry)
                .setFirstAttemptedAt(Instant.parse("2026-03-28T10:00:00Z")).build();

        // when
        job.run(task);

        // then
        assertThat(scheduled).isEmpty();
        assertThat(recorded).singleElement().satisfies(a -> {
            assertThat(a.getStatus().name()).isEqualTo("failed");
            assertThat(a.getTrigger().name()).isEqualTo("retry");
            assertThat(a.getAttempt()).isEqualTo(3);
            assertThat(a.getNextAttemptAt()).isNull();
        });
    }

    @Test
    void shouldKeepTheFirstAttemptTimeAcrossRetries() {
        Instant first = Instant.parse("2026-03-28T10:00:00Z");
        job.run(exponential("5s", "5m").setAttempt(2).setFirstAttemptedAt(first).build());
        assertThat(scheduled).singleElement().satisfies(t -> assertThat(t.getFirstAttemptedAt()).isEqualTo(first));
    }

    @Test
    void shouldDisableTheWebhookAndStopOn410() {
        // given
        status = 410;
        DeliveryTask task = exponential("5s").build();

        // when
        job.run(task);

        // then
        assertThat(scheduled).isEmpty();
        assertThat(disabled).containsExactly(task.getWebhookId() + ": endpoint answered 410 Gone");
        assertThat(recorded).singleElement().satisfies(a -> {
            assertThat(a.getStatus().name()).isEqualTo("failed");
            assertThat(a.getResponseCode()).isEqualTo(410);
        });
    }

    @Test
    void shouldRecordSkippedWithoutSendingWhenTheWebhookMayNotReceive() {
        // given
        skip = Optional.of("webhook disabled");
        DeliveryTask task = exponential("5s").build();

        // when
        job.run(task);

        // then
        assertThat(sentTo).isEmpty();
        assertThat(scheduled).isEmpty();
        assertThat(recorded).singleElement().satisfies(a -> {
            assertThat(a.getStatus().name()).isEqualTo("skipped");
            assertThat(a.getError()).isEqualTo("webhook disabled");
            assertThat(a.getDeliveryId()).isEqualTo(task.getDeliveryId());
        });
    }

    /** The job as the deliverer wires it, with this test's sender, logs and rules. */
    private DeliveryJob job(RequestFactory requests, Sender sender, AttemptLog attempts, RetryQueue retries, WebhookGate gate,
                            DeliveryJob.Rules rules) {
        return new DeliveryJob(new DeliveryJob.Transport(requests, sender), new DeliveryJob.Outputs(attempts, retries, gate), rules, clock);
    }
}
