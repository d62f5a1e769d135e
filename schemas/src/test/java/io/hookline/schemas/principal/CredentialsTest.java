package io.hookline.schemas.principal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.schemas.avro.Principal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    private static final Instant NOW = Instant.parse("2026-03-28T10:15:00Z");

    @Test
    void shouldStoreOnlyTheHashOfANewUsersKey() {
        Credentials.Issued issued = Credentials.newUser("team-a", "ada@example.com", Role.ADMIN, NOW);

        assertThat(issued.principal().getUserId()).isEqualTo(issued.key().userId()).startsWith("usr_");
        assertThat(issued.principal().getKeyHash()).isEqualTo(issued.key().hash());
        assertThat(issued.principal().toString()).doesNotContain(issued.key().suffix());
        assertThat(issued.principal().getRole().name()).isEqualTo("admin");
        assertThat(issued.principal().getCreatedAt()).isEqualTo(NOW);
    }

    @Test
    void shouldKeepTheUserButNotTheOldKeyOnRotation() {
        Credentials.Issued first = Credentials.newUser("team-a", "ada@example.com", Role.MEMBER, NOW);

        Credentials.Issued rotated = Credentials.rotate(first.principal());

        assertThat(rotated.key().userId()).isEqualTo(first.key().userId());
        assertThat(first.key().matches(rotated.principal().getKeyHash())).isFalse();
        assertThat(rotated.key().matches(rotated.principal().getKeyHash())).isTrue();
        assertThat(rotated.principal().getEmail()).isEqualTo("ada@example.com");
    }

    @Test
    void shouldLeaveNoHashOnRevocation() {
        Principal revoked = Credentials.revoke(Credentials.newUser("team-a", "ada@example.com", Role.MEMBER, NOW).principal());

        assertThat(revoked.getKeyHash()).isNull();
        assertThat(revoked.getTeamId()).isEqualTo("team-a");
    }
}
