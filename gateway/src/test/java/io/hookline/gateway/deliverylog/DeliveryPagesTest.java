package io.hookline.gateway.deliverylog;

import static io.hookline.gateway.deliverylog.Attempts.attempt;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.gateway.web.Cursor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryPagesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    static {
        // loading the topic catalog trusts our Avro classes
        io.hookline.schemas.topics.Topics.all();
    }

    private final MapStore store = new MapStore();
    private final DeliveryIndex index = new DeliveryIndex(() -> Optional.of(store));

    @Test
    void shouldStopASparselyMatchingPageAfterTheScanLimitWithACursorToGoOn() {
        // given 25 deliveries of which every tenth failed (dlv_00, dlv_10, dlv_20)
        for (int i = 0; i < 25; i++) {
            index.apply(store, attempt("wh_1", String.format("dlv_%02d", i), 1, i % 10 == 0 ? "failed" : "succeeded", 200, "ok", null,
                    NOW.plusSeconds(i)));
        }
        // when paging failed ones with a page size of 50 but at most 8 deliveries looked at per page
        List<List<String>> pages = new ArrayList<>();
        Optional<Cursor> cursor = Optional.empty();
        do {
            DeliveryPage page = DeliveryPages.page(index, "wh_1", "failed", null, Optional.empty(), Optional.empty(),
                    cursor, 50, 8);
            pages.add(page.data().stream().map(DeliveryJson.Row::deliveryId).toList());
            cursor = Optional.ofNullable(page.nextCursor()).map(Cursor::decode);
        } while (cursor.isPresent());
        // then every page looked at 8 deliveries at most, and together they hold each failed one once, newest first
        assertThat(pages).containsExactly(List.of("dlv_20"), List.of("dlv_10"), List.of(), List.of("dlv_00"));
    }

    @Test
    void shouldFillAPageAndPointTheCursorAfterItsLastRow() {
        for (int i = 0; i < 5; i++) {
            index.apply(store, attempt("wh_1", "dlv_" + i, 1, "succeeded", 200, "ok", null, NOW.plusSeconds(i)));
        }
        DeliveryPage first = DeliveryPages.page(index, "wh_1", null, null, Optional.empty(), Optional.empty(),
                Optional.empty(), 2, DeliveryPages.MAX_SCANNED);
        DeliveryPage second = DeliveryPages.page(index, "wh_1", null, null, Optional.empty(), Optional.empty(),
                Optional.of(Cursor.decode(first.nextCursor())), 2, DeliveryPages.MAX_SCANNED);
        assertThat(first.data()).extracting(DeliveryJson.Row::deliveryId).containsExactly("dlv_4", "dlv_3");
        assertThat(second.data()).extracting(DeliveryJson.Row::deliveryId).containsExactly("dlv_2", "dlv_1");
    }

    @Test
    void shouldPlaceQueuedDeliveriesTheIndexDoesNotKnowByWhenTheyWereRoutedAndPageThroughThem() {
        // given two indexed deliveries and two queued ones routed between and after them
        index.apply(store, attempt("wh_1", "dlv_old", 1, "succeeded", 200, "ok", null, NOW));
        index.apply(store, attempt("wh_1", "dlv_mid", 1, "failed", 500, "no", null, NOW.plusSeconds(20)));
        Map<String, QueuedTask> queued = Map.of(
                "dlv_q1", task("dlv_q1", 1, "scheduled", NOW.plusSeconds(10)),
                "dlv_q2", task("dlv_q2", 1, "scheduled", NOW.plusSeconds(30)));

        // when paging two by two
        DeliveryPage first = DeliveryPages.page(index, "wh_1", queued, false, null, null, Optional.empty(), Optional.empty(),
                Optional.empty(), 2, DeliveryPages.MAX_SCANNED);
        DeliveryPage second = DeliveryPages.page(index, "wh_1", queued, false, null, null, Optional.empty(), Optional.empty(),
                Optional.of(Cursor.decode(first.nextCursor())), 2, DeliveryPages.MAX_SCANNED);

        // then newest first, the queued ones pending with their reason, each row once
        assertThat(first.data()).extracting(DeliveryJson.Row::deliveryId).containsExactly("dlv_q2", "dlv_mid");
        assertThat(second.data()).extracting(DeliveryJson.Row::deliveryId).containsExactly("dlv_q1", "dlv_old");
        assertThat(second.nextCursor()).isNull();
        assertThat(first.data().get(0).status()).isEqualTo("pending");
        assertThat(first.data().get(0).reason()).isEqualTo(QueuedRows.QUEUED);
        assertThat(first.data().get(0).attempts()).isZero();
        assertThat(first.pendingIncomplete()).isFalse();
    }

    @Test
    void shouldListOnlyTheQueuedOnesUnderThePendingFilterAndSayWhenTheBacklogWasCut() {
        // given an indexed success and a queued delivery, the backlog read only in part
        index.apply(store, attempt("wh_1", "dlv_done", 1, "succeeded", 200, "ok", null, NOW));
        Map<String, QueuedTask> queued = Map.of("dlv_q", task("dlv_q", 1, "scheduled", NOW.plusSeconds(1)));

        // when
        DeliveryPage page = DeliveryPages.page(index, "wh_1", queued, true, "pending", null, Optional.empty(), Optional.empty(),
                Optional.empty(), 50, DeliveryPages.MAX_SCANNED);

        // then
        assertThat(page.data()).extracting(DeliveryJson.Row::deliveryId).containsExactly("dlv_q");
        assertThat(page.pendingIncomplete()).isTrue();
    }

    @Test
    void shouldKeepQueuedDeliveriesOutsideTheTimeWindowOut() {
        // given a delivery queued before the window asked for
        Map<String, QueuedTask> queued = Map.of("dlv_q", task("dlv_q", 1, "scheduled", NOW.minusSeconds(60)));

        // when / then
        assertThat(DeliveryPages.page(index, "wh_1", queued, false, null, null, Optional.of(NOW), Optional.empty(), Optional.empty(), 50,
                DeliveryPages.MAX_SCANNED).data()).isEmpty();
        assertThat(DeliveryPages.page(index, "wh_1", queued, false, null, null, Optional.empty(), Optional.of(NOW.minusSeconds(61)),
                Optional.empty(), 50, DeliveryPages.MAX_SCANNED).data()).isEmpty();
        assertThat(DeliveryPages.page(index, "wh_1", queued, false, null, null, Optional.of(NOW.minusSeconds(61)), Optional.of(NOW),
                Optional.empty(), 50, DeliveryPages.MAX_SCANNED).data()).hasSize(1);
    }

    static QueuedTask task(String deliveryId, int attempt, String trigger, Instant routedAt) {
        return new QueuedTask(deliveryId, "wh_1", "team_a", "evt_" + deliveryId, "acronym.created", attempt, trigger, routedAt,
                "https://example.com/hook");
    }
}
