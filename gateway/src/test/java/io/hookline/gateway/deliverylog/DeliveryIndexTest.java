package io.hookline.gateway.deliverylog;

import static io.hookline.gateway.deliverylog.Attempts.attempt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class DeliveryIndexTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:30:00Z");
    static {
        // loading the topic catalog trusts our Avro classes
        io.hookline.schemas.topics.Topics.all();
    }

    private final MapStore store = new MapStore();
    private final DeliveryIndex index = new DeliveryIndex(() -> Optional.of(store));

    @Test
    void shouldCompleteAWaitForAFirstAttemptThatArrivesLater() {
        // given
        CompletableFuture<DeliveryAttempt> first = index.awaitFirstAttempt("dlv_1");
        assertThat(first).isNotDone();
        // when
        apply(attempt("wh_1", "dlv_1", 1, "failed", 500, "boom", "HTTP 500", NOW));
        // then
        assertThat(first).isCompletedWithValueMatching(a -> a.getResponseCode() == 500);
    }

    @Test
    void shouldAnswerAWaitAtOnceForAnAttemptAlreadyIndexed() {
        apply(attempt("wh_1", "dlv_1", 1, "succeeded", 200, "ok", null, NOW));
        assertThat(index.awaitFirstAttempt("dlv_1")).isCompletedWithValueMatching(a -> a.getStatus().name().equals("succeeded"));
    }

    @Test
    void shouldKeepTheLatestAttemptAsTheLastDelivery() {
        // given attempts arriving out of order
        apply(attempt("wh_1", "dlv_2", 1, "failed", 503, "", "HTTP 503", NOW.plusSeconds(60)));
        apply(attempt("wh_1", "dlv_1", 1, "succeeded", 200, "ok", null, NOW));
        // then
        assertThat(index.lastDelivery("wh_1")).contains(new LastDelivery("dlv_2", "failed", 503, NOW.plusSeconds(60)));
        assertThat(index.lastDelivery("wh_other")).isEmpty();
    }

    @Test
    void shouldIndexAnAttemptFromTheBytesOfItsRecordAndGiveAWaiterTheWholeAttempt() {
        // given a caller waiting, and an attempt as the log holds it
        CompletableFuture<DeliveryAttempt> first = index.awaitFirstAttempt("dlv_1");
        DeliveryAttempt attempt = attempt("wh_1", "dlv_1", 1, "failed", 500, "boom", "HTTP 500", NOW.minusSeconds(60));
        byte[] record = Topics.DELIVERY_LOG.valueSerde().serializer().serialize(Topics.DELIVERY_LOG.name(), attempt);
        // when
        index.apply(store, record);
        // then every index has it, and the waiter has it whole, bodies and headers included
        assertThat(index.attempts("dlv_1")).containsExactly(attempt);
        assertThat(first).isCompletedWithValue(attempt);
        assertThat(index.lastDelivery("wh_1")).contains(new LastDelivery("dlv_1", "failed", 500, NOW.minusSeconds(60)));
        assertThat(index.stats("wh_1", NOW).last24h()).isEqualTo(new DeliveryStats.Window(0, 1));
        assertThat(index.hourly("wh_1", NOW)).singleElement().satisfies(hour -> assertThat(hour.latencies().count()).isEqualTo(1));
        assertThat(ids(index.deliveries("wh_1", Optional.empty()))).containsExactly("dlv_1");
    }

    @Test
    void shouldRefuseBytesThatAreNotAnAttemptAndIndexNothing() {
        assertThatThrownBy(() -> index.apply(store, "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
        assertThat(store.range("", "\uffff", 10)).isEmpty();
    }

    @Test
    void shouldCountOutcomesInTheLastDayAndWeek() {
        // given
        apply(attempt("wh_1", "dlv_1", 1, "succeeded", 200, "ok", null, NOW.minus(Duration.ofHours(1))));
        apply(attempt("wh_1", "dlv_2", 1, "failed", 500, "", "HTTP 500", NOW.minus(Duration.ofHours(2))));
        apply(attempt("wh_1", "dlv_3", 1, "succeeded", 200, "ok", null, NOW.minus(Duration.ofDays(3))));
        apply(attempt("wh_1", "dlv_4", 1, "failed", 500, "", "HTTP 500", NOW.minus(Duration.ofDays(9))));
        apply(attempt("wh_1", "dlv_5", 1, "retrying", 500, "", "HTTP 500", NOW));
        apply(attempt("wh_1", "dlv_6", 1, "skipped", null, null, "webhook disabled", NOW));
        // when
        DeliveryStats stats = index.stats("wh_1", NOW);
        // then
        assertThat(stats.last24h()).isEqualTo(new DeliveryStats.Window(1, 1));
        assertThat(stats.last7d()).isEqualTo(new DeliveryStats.Window(2, 1));
        assertThat(index.stats("wh_none", NOW)).isEqualTo(DeliveryStats.NONE);
    }

    @Test
    void shouldKeepAPendingRecordOutOfTheStatisticsLatenciesLastDeliveryAndFirstAttempt() {
        // given a delivery that waited (pending), then succeeded
        CompletableFuture<DeliveryAttempt> first = index.awaitFirstAttempt("dlv_1");
        apply(pending("wh_1", "dlv_1", NOW.minusSeconds(2)));

        // then while it waits: no outcome, no duration, no last delivery, and no first attempt yet
        assertThat(first).isNotDone();
        assertThat(index.firstAttempt("dlv_1")).isEmpty();
        assertThat(index.stats("wh_1", NOW).last24h()).isEqualTo(new DeliveryStats.Window(0, 0));
        assertThat(index.hourly("wh_1", NOW)).allSatisfy(hour -> assertThat(hour.latencies().count()).isZero());
        assertThat(index.lastDelivery("wh_1")).isEmpty();

        // when its attempt is recorded
        apply(attempt("wh_1", "dlv_1", 1, "succeeded", 200, "ok", null, NOW));

        // then that is what counts, once
        assertThat(first).isCompletedWithValueMatching(a -> a.getStatus().name().equals("succeeded"));
        assertThat(index.stats("wh_1", NOW).last24h()).isEqualTo(new DeliveryStats.Window(1, 0));
        assertThat(index.hourly("wh_1", NOW)).extracting(hour -> hour.latencies().count()).containsExactly(1L);
        assertThat(index.lastDelivery("wh_1")).contains(new LastDelivery("dlv_1", "succeeded", 200, NOW));
        assertThat(index.attempts("dlv_1")).extracting(a -> a.getStatus().name()).containsExactly("pending", "succeeded");
    }

    static DeliveryAttempt pending(String webhookId, String deliveryId, Instant at) {
        return DeliveryAttempt.newBuilder(attempt(webhookId, deliveryId, 0, "pending", null, null, "rate limited until " + at.plusSeconds(1), at))
                .setDurationMs(0).setNextAttemptAt(at.plusSeconds(1)).build();
    }

    @Test
    void shouldIgnoreAnAttemptReadTwice() {
        DeliveryAttempt once = attempt("wh_1", "dlv_1", 1, "succeeded", 200, "ok", null, NOW);
        apply(once);
        apply(once);
        assertThat(index.attempts("dlv_1")).hasSize(1);
        assertThat(index.stats("wh_1", NOW).last24h().succeeded()).isEqualTo(1);
    }

    @Test
    void shouldListAWebhooksDeliveriesNewestFirstFromAPosition() {
        // given three deliveries, the middle one with a retry
        apply(attempt("wh_1", "dlv_a", 1, "succeeded", 200, "ok", null, NOW));
        apply(attempt("wh_1", "dlv_b", 1, "retrying", 500, "", "HTTP 500", NOW.plusSeconds(1)));
        apply(attempt("wh_1", "dlv_c", 1, "succeeded", 200, "ok", null, NOW.plusSeconds(2)));
        apply(attempt("wh_1", "dlv_b", 2, "succeeded", 200, "ok", null, NOW.plusSeconds(3)));
        apply(attempt("wh_2", "dlv_x", 1, "succeeded", 200, "ok", null, NOW));
        // when
        List<String> all = ids(index.deliveries("wh_1", Optional.empty()));
        List<String> after = ids(index.deliveries("wh_1", Optional.of(new DeliveryKey(NOW.plusSeconds(2), "dlv_c"))));
        // then
        assertThat(all).containsExactly("dlv_c", "dlv_b", "dlv_a");
        assertThat(after).containsExactly("dlv_b", "dlv_a");
        assertThat(index.attempts("dlv_b")).extracting(DeliveryAttempt::getAttempt).containsExactly(1, 2);
    }

    @Test
    void shouldPageThroughMoreDeliveriesThanOneBatch() {
        for (int i = 0; i < 250; i++) {
            apply(attempt("wh_1", "dlv_" + (1000 + i), 1, "succeeded", 200, "ok", null, NOW.plusSeconds(i)));
        }
        List<String> all = ids(index.deliveries("wh_1", Optional.empty()));
        assertThat(all).hasSize(250).startsWith("dlv_1249").endsWith("dlv_1000");
        assertThat(index.stats("wh_1", NOW.plusSeconds(300)).last24h().succeeded()).isEqualTo(250);
    }

    @Test
    void shouldListAWebhooksAttemptsInATimeWindowOldestFirst() {
        // given attempts of two webhooks around a window [NOW, NOW + 60 s)
        apply(attempt("wh_1", "dlv_a", 1, "failed", 500, "", "HTTP 500", NOW.minusMillis(1)));
        apply(attempt("wh_1", "dlv_b", 1, "retrying", 500, "", "HTTP 500", NOW.plusSeconds(30)));
        apply(attempt("wh_1", "dlv_a", 2, "succeeded", 200, "ok", null, NOW));
        apply(attempt("wh_1", "dlv_b", 2, "skipped", null, null, "webhook disabled", NOW.plusSeconds(59)));
        apply(attempt("wh_1", "dlv_c", 1, "failed", 500, "", "HTTP 500", NOW.plusSeconds(60)));
        apply(attempt("wh_2", "dlv_x", 1, "failed", 500, "", "HTTP 500", NOW.plusSeconds(10)));
        // when
        List<Map.Entry<String, String>> window = new ArrayList<>();
        index.attemptsIn("wh_1", NOW, NOW.plusSeconds(60)).forEach(window::add);
        // then
        assertThat(window).containsExactly(Map.entry("dlv_a", "succeeded"), Map.entry("dlv_b", "retrying"), Map.entry("dlv_b", "skipped"));
    }

    private void apply(DeliveryAttempt attempt) {
        index.apply(store, attempt);
    }

    private static List<String> ids(Iterable<Map.Entry<DeliveryKey, String>> entries) {
        List<String> ids = new ArrayList<>();
        entries.forEach(e -> ids.add(e.getValue()));
        return ids;
    }
}
