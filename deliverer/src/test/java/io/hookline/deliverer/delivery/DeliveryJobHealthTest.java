package io.hookline.deliverer.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.deliverer.Fixtures;
import io.hookline.deliverer.health.EndpointHealth;
import io.hookline.deliverer.request.RequestFactory;
import io.hookline.deliverer.retry.RetryRules;
import io.hookline.deliverer.signing.Signer;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.RetryPolicy;
import io.hookline.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Circuit breaking, auto-disabling and FIFO retries as the job applies them. */
class DeliveryJobHealthTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-28T10:15:00Z"));
    private final List<DeliveryAttempt> recorded = new ArrayList<>();
    private final List<DeliveryTask> scheduled = new ArrayList<>();
    private final List<String> disabled = new ArrayList<>();
    private final List<Duration> waited = new ArrayList<>();
    private int sent;
    private final List<Integer> answers = new ArrayList<>();

    private final EndpointHealth health = new EndpointHealth(clock, 2, Duration.ofSeconds(30), Duration.ofDays(5));
    private final WebhookGate gate = new WebhookGate() {
        @Override
        public CompletionStage<Optional<String>> skipReason(DeliveryTask task) {
            return CompletableFuture.completedFuture(Optional.empty());
        }

        @Override
        public CompletionStage<Void> disable(DeliveryTask task, String reason) {
            disabled.add(reason);
            return CompletableFuture.completedFuture(null);
        }
    };
    private final DeliveryJob job = new DeliveryJob(new RequestFactory(new Signer(clock), Fixtures.CIPHER, "X-Define-"),
            request -> {
                int status = answers.isEmpty() ? 500 : answers.remove(0);
                sent++;
                return CompletableFuture.completedFuture(new DeliveryOutcome.Responded(status, Map.of(), ""));
            },
            attempt -> {
                recorded.add(attempt);
                return CompletableFuture.completedFuture(null);
            },
            clock, new RetryRules(() -> 0.5), next -> {
                scheduled.add(next);
                return CompletableFuture.completedFuture(null);
            }, gate, health, wait -> {
                // the injected timer: moves the clock instead of waiting
                waited.add(wait);
                clock.advance(wait);
                return CompletableFuture.completedFuture(null);
            });

    private DeliveryTask task(String webhookId) {
        return Fixtures.task("https://example.com/hook", Fixtures.newSecret()).setWebhookId(webhookId).build();
    }

    @Test
    void shouldDeferToTheRetryTopicWithoutSendingWhileTheCircuitIsOpen() {
        // given two failures opened the circuit
        job.run(task("wh_a"));
        job.run(task("wh_a"));
        assertThat(sent).isEqualTo(2);

        // when
        DeliveryTask third = task("wh_a");
        job.run(third);

        // then it waits in Kafka until the circuit half-opens, with no attempt made or recorded
        assertThat(sent).isEqualTo(2);
        assertThat(recorded).hasSize(2);
        assertThat(scheduled).singleElement().satisfies(t -> {
            assertThat(t.getDeliveryId()).isEqualTo(third.getDeliveryId());
            assertThat(t.getAttempt()).isEqualTo(1);
            // half-open in 30 s, spread by 10 % (the injected randomness is 0.5 of the 20 % spread)
            assertThat(t.getNotBefore()).isEqualTo(clock.instant().plusSeconds(33));
        });
    }

    @Test
    void shouldDisableAWebhookFailingContinuouslyForFiveDays() {
        // given
        job.run(task("wh_a"));
        clock.advance(Duration.ofDays(5));

        // when the probe after five days fails too
        clock.advance(Duration.ofSeconds(30));
        job.run(task("wh_a"));

        // then
        assertThat(disabled).containsExactly("endpoint failing continuously for 5d");
    }

    @Test
    void shouldRetryAFifoDeliveryInPlaceUntilItSucceeds() {
        // given a FIFO webhook whose endpoint fails once, then succeeds
        answers.addAll(List.of(503, 200));
        DeliveryTask task = Fixtures.task("https://example.com/hook", Fixtures.newSecret()).setOrdering("fifo")
                .setRetryPolicy(new RetryPolicy("exponential", List.of("5s"))).build();

        // when
        CompletionStage<DeliveryAttempt> done = job.run(task);

        // then the job waited the schedule itself (no retry topic) and finished with the success
        assertThat(scheduled).isEmpty();
        assertThat(waited).containsExactly(Duration.ofSeconds(5));
        assertThat(recorded).extracting(DeliveryAttempt::getStatus).containsExactly("retrying", "succeeded");
        assertThat(done.toCompletableFuture().join().getStatus()).isEqualTo("succeeded");
    }
}
