package io.hookline.deliverer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.OrderingSymbol;
import io.hookline.schemas.avro.RetryPolicy;
import io.hookline.testsupport.ReceivedRequest;
import io.hookline.testsupport.DeliveryLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** FIFO webhooks and rate-limited webhooks through the real deliverer, broker and an HTTPS receiver. */
class LanesIT {

    @RegisterExtension
    static final DelivererFixture fixture = DelivererFixture.with();

    @Test
    void shouldDeliverAFifoWebhookInEventOrderEvenWhenTheFirstNeedsARetry() throws Exception {
        // given a FIFO webhook whose first delivery fails once (a 503 for the first path only)
        fixture.receiver().respondWith("/fifo/0", 503, "busy");
        DeliveryTask base = Fixtures.task(fixture.receiver().url("/fifo/0"), Fixtures.newSecret()).setOrdering(OrderingSymbol.fifo)
                .setRetryPolicy(new RetryPolicy("exponential", List.of("1s"))).build();
        fixture.publishWebhookOf(base);
        List<DeliveryTask> tasks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tasks.add(DeliveryTask.newBuilder(Fixtures.another(base)).setUrl(fixture.receiver().url("/fifo/" + i)).build());
        }

        // when the ten are written in order, and the first path recovers after its first answer
        for (DeliveryTask task : tasks) {
            fixture.send(task);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> !fixture.receiver().requests("/fifo/0").isEmpty());
        fixture.receiver().respondWith("/fifo/0", 200, "ok");

        // then the receiver saw /fifo/0 twice (failed, retried), then the others one by one, in order
        await().atMost(Duration.ofSeconds(30)).until(() -> fifoPaths().size() >= 11);
        List<String> paths = fifoPaths();
        List<String> expected = new ArrayList<>(List.of("/fifo/0"));
        for (int i = 0; i < 10; i++) {
            expected.add("/fifo/" + i);
        }
        assertThat(paths).containsExactlyElementsOf(expected);
    }

    @Test
    void shouldMakeDeliveriesAboveTheRateLimitWaitInsteadOfFailing() throws Exception {
        // given a webhook limited to 5 deliveries per second, and 15 tasks at once
        DeliveryTask base = Fixtures.task(fixture.receiver().url("/limited"), Fixtures.newSecret()).setRateLimitPerSecond(5).build();
        fixture.publishWebhookOf(base);
        List<String> webhooks = List.of(base.getWebhookId());

        // when
        for (int i = 0; i < 15; i++) {
            fixture.send(Fixtures.another(base));
        }

        // then all 15 succeed, and they were spread over at least ~2 s (5 at once, then 5 per second)
        assertThat(DeliveryLog.awaitAttempts(webhooks, 15, Duration.ofSeconds(30)))
                .allSatisfy(a -> assertThat(a.getStatus().name()).isEqualTo("succeeded"));
        List<ReceivedRequest> limited = fixture.receiver().requests("/limited");
        assertThat(limited).hasSize(15);
        Duration spread = Duration.between(limited.get(0).receivedAt(), limited.get(14).receivedAt());
        assertThat(spread).isGreaterThanOrEqualTo(Duration.ofMillis(1500));

        // and the ones that waited longer than the grace (at least the last five, a second or more) were logged
        // as pending once each, with the reason and expected start, each before its own attempt
        List<DeliveryAttempt> log = DeliveryLog.awaitLogMatching(webhooks,
                all -> all.stream().filter(a -> a.getStatus().name().equals("succeeded")).count() >= 15, Duration.ofSeconds(10));
        List<DeliveryAttempt> pending = log.stream().filter(a -> a.getStatus().name().equals("pending")).toList();
        assertThat(pending).hasSizeBetween(5, 10).allSatisfy(p -> {
            assertThat(p.getAttempt()).isZero();
            assertThat(p.getError()).startsWith("rate limited until ");
            assertThat(p.getNextAttemptAt()).isNotNull();
            assertThat(log.indexOf(p)).isLessThan(indexOfSuccess(log, p.getDeliveryId()));
        });
        assertThat(pending).extracting(DeliveryAttempt::getDeliveryId).doesNotHaveDuplicates();
    }

    private static int indexOfSuccess(List<DeliveryAttempt> log, String deliveryId) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).getDeliveryId().equals(deliveryId) && log.get(i).getStatus().name().equals("succeeded")) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static List<String> fifoPaths() {
        return fixture.receiver().requests().stream().map(ReceivedRequest::path).filter(p -> p.startsWith("/fifo/")).toList();
    }
}
