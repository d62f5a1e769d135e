package io.hookline.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void shouldDecodeWhatItEncodes() {
        // given
        Cursor cursor = new Cursor(Instant.parse("2026-03-28T10:15:00.123Z"), "wh_0123abcd");

        // when
        String text = cursor.encode();

        // then
        assertThat(text).matches("[A-Za-z0-9_-]+").doesNotContain("wh_0123abcd");
        assertThat(Cursor.decode(text)).isEqualTo(cursor);
    }

    @Test
    void shouldRefuseACursorItDidNotIssue() {
        for (String garbage : List.of("not base64!", "bm9jb2xvbg", "eDp3aF8x", "")) {
            ApiException error = catchThrowableOfType(ApiException.class, () -> Cursor.decode(garbage));
            assertThat(error).as(garbage).isNotNull();
            assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(error.details()).extracting(Problem::field).containsExactly("cursor");
        }
    }

    @Test
    void shouldOrderNewestFirstThenByIdDescending() {
        // given
        Instant t = Instant.parse("2026-03-28T10:15:00Z");
        Cursor older = new Cursor(t, "wh_b");
        Cursor sameTimeLowerId = new Cursor(t.plusSeconds(1), "wh_a");
        Cursor sameTimeHigherId = new Cursor(t.plusSeconds(1), "wh_c");
        List<Cursor> list = new ArrayList<>(List.of(older, sameTimeLowerId, sameTimeHigherId));

        // when
        list.sort(Cursor.NEWEST_FIRST);

        // then
        assertThat(list).containsExactly(sameTimeHigherId, sameTimeLowerId, older);
        assertThat(sameTimeHigherId.isBefore(sameTimeLowerId)).isTrue();
        assertThat(sameTimeLowerId.isBefore(older)).isTrue();
        assertThat(older.isBefore(sameTimeHigherId)).isFalse();
    }
}
