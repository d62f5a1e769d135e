package io.hookline.deliverer.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.deliverer.Fixtures;
import io.hookline.deliverer.request.OutboundRequest;
import io.hookline.deliverer.request.RequestFactory;
import io.hookline.deliverer.signing.Signer;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.DeliveryTask;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class DeliveryJobTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-28T10:15:07Z"), ZoneOffset.UTC);
    private final List<OutboundRequest> sent = new ArrayList<>();
    private final List<DeliveryAttempt> recorded = new ArrayList<>();
    private final CompletableFuture<Void> acknowledged = new CompletableFuture<>();

    private final Sender sender = request -> {
        sent.add(request);
        return CompletableFuture.completedFuture(new DeliveryOutcome.Responded(200, Map.of(), "ok"));
    };
    private final AttemptLog log = attempt -> {
        recorded.add(attempt);
        return acknowledged;
    };
    private final DeliveryJob job = new DeliveryJob(new RequestFactory(new Signer(clock), Fixtures.CIPHER, "X-Define-"),
            sender, log, clock);

    @Test
    void shouldFinishOnlyOnceTheAttemptIsAcknowledged() {
        // given
        DeliveryTask task = Fixtures.task("https://example.com/hook", Fixtures.newSecret()).build();

        // when
        CompletionStage<DeliveryAttempt> done = job.run(task);

        // then
        assertThat(recorded).singleElement().satisfies(a -> assertThat(a.getStatus().name()).isEqualTo("succeeded"));
        assertThat(done.toCompletableFuture()).isNotDone();

        // when
        acknowledged.complete(null);

        // then
        assertThat(done.toCompletableFuture()).isCompleted();
    }

    @Test
    void shouldSayWhatFollowsADeliveredAttemptAtTheAnswerAndWhenItsRecordIsDurable() {
        // given
        DeliveryTask task = Fixtures.task("https://example.com/hook", Fixtures.newSecret()).build();

        // when the endpoint has answered and the attempt's record is not acknowledged yet
        DeliveryJob.Result result = job.deliver(task).toCompletableFuture().getNow(null);

        // then nothing holds the webhook back, and the result says the record is still being written
        assertThat(result).isNotNull();
        assertThat(result.holdUntil()).isNull();
        assertThat(result.attempt().getStatus().name()).isEqualTo("succeeded");
        assertThat(result.recorded().toCompletableFuture()).isNotDone();

        // when
        acknowledged.complete(null);

        // then
        assertThat(result.recorded().toCompletableFuture()).isCompleted();
    }

    @Test
    void shouldRecordTheSignedRequestButNeverThePlaintextSecret() {
        // given
        String secret = Fixtures.newSecret();
        DeliveryTask task = Fixtures.task("https://example.com/hook", secret).setSendPlaintextSecret(true).build();

        // when
        job.run(task);

        // then
        assertThat(sent).singleElement().satisfies(r -> assertThat(r.headers()).containsEntry("X-Webhook-Secret", secret));
        DeliveryAttempt attempt = recorded.get(0);
        assertThat(attempt.getRequestHeaders()).containsEntry("X-Webhook-Secret", "[redacted]")
                .containsKeys("webhook-signature", "X-Define-Signature");
        assertThat(attempt.getRequestHeaders().values()).doesNotContain(secret);
        assertThat(attempt.getRequestBody()).isEqualTo(sent.get(0).body());
        assertThat(attempt.getAttemptedAt()).isEqualTo(clock.instant());
    }

    @Test
    void shouldRecordAFailedAttemptWithoutSendingWhenTheSecretCannotBeDecrypted() {
        // given
        DeliveryTask task = Fixtures.task("https://example.com/hook").setSecrets(List.of("v1.garbage")).build();

        // when
        job.run(task);

        // then
        assertThat(sent).isEmpty();
        assertThat(recorded).singleElement().satisfies(a -> {
            assertThat(a.getStatus().name()).isEqualTo("failed");
            assertThat(a.getError()).contains("cannot be decrypted");
            assertThat(a.getRequestBody()).contains(task.getDeliveryId());
        });
    }

    @Test
    void shouldRecordAnAttemptEvenWhenTheSenderBreaksItsContract() {
        // given
        Sender broken = request -> {
            throw new IllegalStateException("bug");
        };
        DeliveryJob brokenJob = new DeliveryJob(new RequestFactory(new Signer(clock), Fixtures.CIPHER, "X-Define-"),
                broken, log, clock);

        // when
        brokenJob.run(Fixtures.task("https://example.com/hook", Fixtures.newSecret()).build());

        // then
        assertThat(recorded).singleElement().satisfies(a -> {
            assertThat(a.getStatus().name()).isEqualTo("failed");
            assertThat(a.getError()).contains("bug");
        });
    }
}
