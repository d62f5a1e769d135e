package io.hookline.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortalLinksTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-28T10:00:00Z"));
    private final PortalLinks links = new PortalLinks(clock);

    @Test
    void shouldOpenALinkOnceOnly() {
        // given
        PortalLinks.Issued issued = links.issue("team_1", List.of("wh_1"), true, Duration.ofHours(1));
        // when opened twice
        var first = links.open(issued.token());
        var second = links.open(issued.token());
        // then
        assertThat(first).containsSame(issued.link());
        assertThat(second).isEmpty();
        assertThat(issued.link().status(clock.instant())).isEqualTo("used");
    }

    @Test
    void shouldNotOpenAnExpiredOrRevokedLinkOrAnUnknownToken() {
        PortalLinks.Issued expiring = links.issue("team_1", List.of(), false, Duration.ofMinutes(5));
        PortalLinks.Issued revoked = links.issue("team_1", List.of(), false, Duration.ofHours(1));
        revoked.link().revoked().set(true);
        clock.advance(Duration.ofMinutes(5));
        assertThat(links.open(expiring.token())).isEmpty();
        assertThat(expiring.link().status(clock.instant())).isEqualTo("expired");
        assertThat(links.open(revoked.token())).isEmpty();
        assertThat(links.open("not-a-token")).isEmpty();
        assertThat(links.open(null)).isEmpty();
    }

    @Test
    void shouldKeepSessionsOfALinkAliveOnlyUntilItExpiresOrIsRevoked() {
        PortalLinks.Link link = links.issue("team_1", List.of(), false, Duration.ofHours(1)).link();
        assertThat(link.live(clock.instant())).isTrue();
        clock.advance(Duration.ofMinutes(59));
        assertThat(link.live(clock.instant())).isTrue();
        link.revoked().set(true);
        assertThat(link.live(clock.instant())).isFalse();
    }

    @Test
    void shouldScopeALinkToItsWebhooksOrToAllWhenItNamesNone() {
        assertThat(links.issue("team_1", List.of("wh_1"), true, Duration.ofHours(1)).link().covers("wh_2")).isFalse();
        assertThat(links.issue("team_1", List.of("wh_1"), true, Duration.ofHours(1)).link().covers("wh_1")).isTrue();
        assertThat(links.issue("team_1", List.of(), true, Duration.ofHours(1)).link().covers("wh_2")).isTrue();
    }

    @Test
    void shouldFindALinkForItsOwnTeamOnlyAndNeverKeepTheToken() {
        PortalLinks.Issued issued = links.issue("team_1", List.of(), true, Duration.ofHours(1));
        assertThat(links.find("team_1", issued.link().id())).containsSame(issued.link());
        assertThat(links.find("team_2", issued.link().id())).isEmpty();
        assertThat(issued.link().toString()).doesNotContain(issued.token());
    }
}
