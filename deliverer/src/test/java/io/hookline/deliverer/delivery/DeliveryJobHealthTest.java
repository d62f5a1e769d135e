package io.hookline.deliverer.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.deliverer.Fixtures;
import io.hookline.deliverer.health.EndpointHealth;
import io.hookline.deliverer.request.RequestFactory;
import io.hookline.deliverer.retry.RetryRules;
import io.hookline.deliverer.signing.Signer;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.OrderingSymbol;
import io.hookline.schemas.avro.RetryPolicy;
import io.hookline.schemas.avro.TriggerSymbol;
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
    private final DeliveryJob job = job(new RequestFactory(new Signer(clock), Fixtures.CIPHER, "X-Define-"),
            request -> {
                int status = answers.isEmpty() ? 500 : answers.remove(0);
                sent++;
                return CompletableFuture.completedFuture(new DeliveryOutcome.Responded(status, Map.of(), ""));
            },
            attempt -> {
                recorded.add(attempt);
                return CompletableFuture.completedFuture(null);
            },
            next -> {
                scheduled.add(next);
                return CompletableFuture.completedFuture(null);
            }, gate, new DeliveryJob.Rules(new RetryRules(() -> 0.5), health));

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

        // then it waits in Kafka until the circuit half-opens, with no attempt made, recorded as pending
        assertThat(sent).isEqualTo(2);
        assertThat(recorded).hasSize(3);
        assertThat(recorded.get(2)).satisfies(pending -> {
            assertThat(pending.getStatus().name()).isEqualTo("pending");
            assertThat(pending.getAttempt()).isZero();
            assertThat(pending.getError()).isEqualTo("circuit open until " + clock.instant().plusSeconds(33));
            assertThat(pending.getNextAttemptAt()).isEqualTo(clock.instant().plusSeconds(33));
        });
        assertThat(scheduled).singleElement().satisfies(t -> {
            assertThat(t.getDeliveryId()).isEqualTo(third.getDeliveryId());
            assertThat(t.getAttempt()).isEqualTo(1);
            // half-open in 30 s, spread by 10 % (the injected randomness is 0.5 of the 20 % spread)
            assertThat(t.getNotBefore()).isEqualTo(clock.instant().plusSeconds(33));
        });
    }

    @Test
    void shouldNotRecordARetryDeferredByTheOpenCircuitAsPending() {
        // given two failures opened the circuit
        job.run(task("wh_a"));
        job.run(task("wh_a"));

        // when a retry of an attempted delivery comes back while it is open
        job.run(DeliveryTask.newBuilder(task("wh_a")).setAttempt(2).setTrigger(TriggerSymbol.retry).build());

        // then it is deferred, and its log keeps saying retrying: no pending record
        assertThat(scheduled).hasSize(1);
        assertThat(recorded).extracting(a -> a.getStatus().name()).doesNotContain("pending");
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
    void shouldHandAFifoRetryToTheRetryTopicAndHoldTheWebhookUntilThen() {
        // given a FIFO webhook whose endpoint fails
        answers.add(503);
        DeliveryTask task = Fixtures.task("https://example.com/hook", Fixtures.newSecret()).setOrdering(OrderingSymbol.fifo)
                .setRetryPolicy(new RetryPolicy("exponential", List.of("5s"))).build();

        // when
        DeliveryJob.Result result = job.deliver(task).toCompletableFuture().join();

        // then the retry waits in the retry topic (not in place), and the webhook is held until it is due
        assertThat(scheduled).singleElement().satisfies(next -> assertThat(next.getAttempt()).isEqualTo(2));
        assertThat(result.attempt().getStatus().name()).isEqualTo("retrying");
        assertThat(result.holdUntil()).isEqualTo(scheduled.get(0).getNotBefore()).isEqualTo(clock.instant().plusSeconds(5));
    }

    @Test
    void shouldHoldAFifoWebhookWhoseCircuitIsOpenUntilItsDeferredDeliveryIsDue() {
        // given a FIFO webhook whose circuit opened after two failures
        DeliveryTask task = Fixtures.task("https://example.com/hook", Fixtures.newSecret()).setOrdering(OrderingSymbol.fifo).build();
        job.run(task);
        job.run(task);

        // when another delivery comes while the circuit is open
        DeliveryJob.Result result = job.deliver(task).toCompletableFuture().join();

        // then it is deferred to the retry topic without an attempt, and the webhook is held until then
        assertThat(sent).isEqualTo(2);
        assertThat(result.attempt()).isNull();
        assertThat(result.holdUntil()).isNotNull().isEqualTo(scheduled.get(scheduled.size() - 1).getNotBefore());
    }

    @Test
    void shouldNotHoldAConcurrentWebhookThatRetries() {
        // given
        answers.add(503);
        DeliveryTask task = Fixtures.task("https://example.com/hook", Fixtures.newSecret())
                .setRetryPolicy(new RetryPolicy("exponential", List.of("5s"))).build();

        // when / then
        assertThat(job.deliver(task).toCompletableFuture().join().holdUntil()).isNull();
        assertThat(scheduled).hasSize(1);
    }

    /** The job as the deliverer wires it, with this test's sender, logs and rules. */
    private DeliveryJob job(RequestFactory requests, Sender sender, AttemptLog attempts, RetryQueue retries, WebhookGate gate,
                            DeliveryJob.Rules rules) {
        return new DeliveryJob(new DeliveryJob.Transport(requests, sender), new DeliveryJob.Outputs(attempts, retries, gate), rules, clock);
    }
}
