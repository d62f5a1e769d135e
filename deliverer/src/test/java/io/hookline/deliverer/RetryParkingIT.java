package io.hookline.deliverer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hookline.schemas.Ids;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.RetryPolicy;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.ReceivedRequest;
import io.hookline.testsupport.TestKafka;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Where waiting retries wait, on a real broker: far-future ones go round
 * hookline.delivery-retries.later instead of memory, and one webhook's retries beyond its share
 * of memory do too, so another webhook's retries stay on time. Scaled down: a 3 s horizon and
 * three retries in memory per webhook.
 */
class RetryParkingIT {

    @RegisterExtension
    static final DelivererFixture fixture = DelivererFixture.with(
            "hookline.delivery.retry-horizon=3s",
            "hookline.delivery.max-waiting-retries-per-webhook=3",
            // twenty failures of one endpoint would open its circuit, which is not what this test looks at
            "hookline.delivery.health.failure-threshold=1000");

    @Test
    void shouldKeepARetryDueBeyondTheHorizonOutOfMemoryAndStillRetryOnTime() throws Exception {
        // given a webhook that fails once, with a 10 s step (beyond the 3 s horizon)
        fixture.receiver().respondWith("/parking/far", 503, "busy");
        DeliveryTask task = Fixtures.task(fixture.receiver().url("/parking/far"), Fixtures.newSecret())
                .setRetryPolicy(new RetryPolicy("exponential", List.of("10s"))).build();
        fixture.publishWebhookOf(task);

        // when it is delivered and fails
        fixture.send(task);
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.receiver().requests("/parking/far").size() == 1);
        fixture.receiver().respondWith("/parking/far", 200, "ok");

        // then its retry goes round the later topic, while no retry waits in memory
        TestKafka.consumeUntil(Topics.DELIVERY_RETRIES_LATER, "it-read-" + Ids.random(""),
                records -> records.stream().anyMatch(r -> r.key().equals(task.getWebhookId())), Duration.ofSeconds(20));
        assertThat(fixture.deliverer().health().getDetails().get("retriesWaiting")).isEqualTo(0);

        // and the retry still comes by the schedule: 10 s ± 20 %, late by at most about a horizon
        await().atMost(Duration.ofSeconds(40)).until(() -> fixture.receiver().requests("/parking/far").size() == 2);
        List<ReceivedRequest> attempts = fixture.receiver().requests("/parking/far");
        Duration waited = Duration.between(attempts.get(0).receivedAt(), attempts.get(1).receivedAt());
        assertThat(waited).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12 + 3 + 5));
    }

    @Test
    void shouldKeepAnotherWebhooksRetryOnTimeWhileOneWebhookHasMoreRetriesThanItsShareOfMemory() throws Exception {
        // given a noisy webhook with ten failing deliveries and a quiet one with one, all retried after 2 s
        fixture.receiver().respondWith("/parking/noisy", 503, "busy");
        fixture.receiver().respondWith("/parking/quiet", 503, "busy");
        RetryPolicy policy = new RetryPolicy("exponential", List.of("2s"));
        DeliveryTask noisy = Fixtures.task(fixture.receiver().url("/parking/noisy"), Fixtures.newSecret()).setRetryPolicy(policy).build();
        DeliveryTask quiet = Fixtures.task(fixture.receiver().url("/parking/quiet"), Fixtures.newSecret()).setRetryPolicy(policy).build();
        fixture.publishWebhookOf(noisy);
        fixture.publishWebhookOf(quiet);

        // when all fail once
        for (int i = 0; i < 10; i++) {
            fixture.send(Fixtures.another(noisy));
        }
        fixture.send(quiet);
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.receiver().requests("/parking/noisy").size() == 10
                && fixture.receiver().requests("/parking/quiet").size() == 1);

        // then the noisy webhook's retries beyond three went round the later topic
        TestKafka.consumeUntil(Topics.DELIVERY_RETRIES_LATER, "it-read-" + Ids.random(""),
                records -> records.stream().filter(r -> r.key().equals(noisy.getWebhookId())).count() >= 7, Duration.ofSeconds(20));

        // and the quiet webhook's retry came on time, and every noisy retry came too
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.receiver().requests("/parking/quiet").size() == 2);
        List<ReceivedRequest> quietAttempts = fixture.receiver().requests("/parking/quiet");
        assertThat(Duration.between(quietAttempts.get(0).receivedAt(), quietAttempts.get(1).receivedAt()))
                .isLessThan(Duration.ofSeconds(2 + 3));
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.receiver().requests("/parking/noisy").size() == 20);
    }
}
