package io.hookline.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConsoleSessionsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-28T10:00:00Z"));
    private final ConsoleSessions sessions = new ConsoleSessions(Duration.ofMinutes(30), Duration.ofHours(2), clock);

    @Test
    void shouldKeepASessionThatIsUsedWithinTheIdleTimeout() {
        // given
        ConsoleSession session = sessions.open("usr_1-key");
        // when used every 20 minutes for an hour
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(20));
            assertThat(sessions.touch(session.id())).as("after %d uses", i).contains(session);
        }
    }

    @Test
    void shouldEndASessionLeftUnusedForTheIdleTimeout() {
        ConsoleSession session = sessions.open("usr_1-key");
        clock.advance(Duration.ofMinutes(30));
        assertThat(sessions.touch(session.id())).isEmpty();
    }

    @Test
    void shouldEndASessionAtItsMaximumAgeEvenWhenInUse() {
        ConsoleSession session = sessions.open("usr_1-key");
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(20));
            sessions.touch(session.id());
        }
        clock.advance(Duration.ofMinutes(20));
        assertThat(sessions.touch(session.id())).isEmpty();
    }

    @Test
    void shouldEndASessionOnSignOut() {
        ConsoleSession session = sessions.open("usr_1-key");
        sessions.close(session.id());
        assertThat(sessions.touch(session.id())).isEmpty();
    }

    @Test
    void shouldGiveEverySessionItsOwnIdAndTokenThatShowNeitherKeyNorToken() {
        ConsoleSession first = sessions.open("usr_1-secretsuffix");
        ConsoleSession second = sessions.open("usr_1-secretsuffix");
        assertThat(first.id()).isNotEqualTo(second.id()).hasSize(43);
        assertThat(first.csrfToken()).isNotEqualTo(second.csrfToken()).isNotEqualTo(first.id());
        assertThat(first.toString()).doesNotContain("secretsuffix").doesNotContain(first.csrfToken()).doesNotContain(first.id());
    }

    @Test
    void shouldCompareTokensExactly() {
        assertThat(ConsoleSessions.sameToken("abc", "abc")).isTrue();
        assertThat(ConsoleSessions.sameToken("abc", "abd")).isFalse();
        assertThat(ConsoleSessions.sameToken("abc", null)).isFalse();
        assertThat(ConsoleSessions.sameToken("abc", "")).isFalse();
    }
}
