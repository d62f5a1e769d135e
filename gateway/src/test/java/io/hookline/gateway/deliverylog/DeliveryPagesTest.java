package io.hookline.gateway.deliverylog;

import static io.hookline.gateway.deliverylog.Attempts.attempt;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.gateway.web.Cursor;
import io.hookline.gateway.web.Envelope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
            Envelope.Page<DeliveryJson.Row> page = DeliveryPages.page(index, "wh_1", "failed", null, Optional.empty(), Optional.empty(),
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
        Envelope.Page<DeliveryJson.Row> first = DeliveryPages.page(index, "wh_1", null, null, Optional.empty(), Optional.empty(),
                Optional.empty(), 2, DeliveryPages.MAX_SCANNED);
        Envelope.Page<DeliveryJson.Row> second = DeliveryPages.page(index, "wh_1", null, null, Optional.empty(), Optional.empty(),
                Optional.of(Cursor.decode(first.nextCursor())), 2, DeliveryPages.MAX_SCANNED);
        assertThat(first.data()).extracting(DeliveryJson.Row::deliveryId).containsExactly("dlv_4", "dlv_3");
        assertThat(second.data()).extracting(DeliveryJson.Row::deliveryId).containsExactly("dlv_2", "dlv_1");
    }
}
