package io.hookline.gateway.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeptRowsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final KeptRows kept = new KeptRows(10, 1_000);

    @Test
    void shouldKeepEverythingWithinTheBound() {
        kept.add("a", batch("t", 4, 100, 0));
        kept.add("a", batch("t", 6, 100, 1));

        KeptRows.Table table = kept.table("a", "t");

        assertThat(table.batches()).extracting(KeptRows.Batch::rows).containsExactly(4, 6);
        assertThat(table.truncated()).isFalse();
    }

    @Test
    void shouldDropTheTeamsOldestBatchesOfAnyTableWhenOverTheRowBound() {
        // given a team at its bound over two tables
        kept.add("a", batch("old", 5, 10, 0));
        kept.add("a", batch("new", 5, 10, 1));

        // when it writes more
        kept.add("a", batch("new", 3, 10, 2));

        // then its oldest batch went, the newest stay, and a read says what may be missing
        assertThat(kept.table("a", "old").batches()).isEmpty();
        assertThat(kept.table("a", "new").batches()).extracting(KeptRows.Batch::rows).containsExactly(5, 3);
        assertThat(kept.table("a", "new").droppedUpTo()).isEqualTo(T0);
        assertThat(kept.held("a")).containsExactly(8, 20);
    }

    @Test
    void shouldDropByBytesToo() {
        kept.add("a", batch("t", 1, 600, 0));
        kept.add("a", batch("t", 1, 600, 1));

        assertThat(kept.table("a", "t").batches()).singleElement().satisfies(b -> assertThat(b.writtenAt()).isEqualTo(T0.plusSeconds(1)));
    }

    @Test
    void shouldNeverDropAnotherTeamsRowsHoweverMuchOneTeamWrites() {
        // given team b's rows
        kept.add("b", batch("t", 2, 50, 0));

        // when team a writes a thousand times its bound
        for (int i = 0; i < 10_000; i++) {
            kept.add("a", batch("t" + (i % 100), 1, 10, i));
        }

        // then team a holds no more than its bound, and team b has everything it wrote
        assertThat(kept.held("a")[0]).isLessThanOrEqualTo(10);
        assertThat(kept.held("a")[1]).isLessThanOrEqualTo(1_000);
        assertThat(kept.table("b", "t").batches()).hasSize(1);
        assertThat(kept.table("b", "t").truncated()).isFalse();
    }

    @Test
    void shouldNotKeepABatchLargerThanTheBoundItself() {
        kept.add("a", batch("t", 11, 10, 0));

        assertThat(kept.table("a", "t").batches()).isEmpty();
        assertThat(kept.table("a", "t").truncated()).isTrue();
        assertThat(kept.held("a")).containsExactly(0, 0);
    }

    private static KeptRows.Batch batch(String table, int rows, long bytes, int second) {
        return new KeptRows.Batch(table, "[]", rows, bytes, T0.plusSeconds(second));
    }
}
