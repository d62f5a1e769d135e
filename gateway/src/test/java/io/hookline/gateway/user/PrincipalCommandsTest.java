package io.hookline.gateway.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.gateway.owner.Decision;
import io.hookline.gateway.owner.FakeState;
import io.hookline.schemas.avro.CommandResult;
import io.hookline.schemas.avro.Principal;
import io.hookline.schemas.avro.RoleSymbol;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PrincipalCommandsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T20:00:00Z");
    private static final Principal ALICE = new Principal("usr_alice", "team-a", "Alice@Example.com", RoleSymbol.member, "hash-1", NOW);

    private final FakeState<Principal> state = new FakeState<Principal>(Principal::getUserId).with(ALICE);

    @Test
    void shouldRefuseARotationAskedFromAViewThatHadNotSeenTheRevoke() {
        // given the key revoked (through another gateway)
        Decision<Principal> revoked = PrincipalCommands.KIND.apply(PrincipalCommands.revoke(ALICE, "gateway", NOW), state);
        state.wrote(revoked);

        // when a rotation of the key as it was before is applied
        Decision<Principal> rotated = PrincipalCommands.KIND.apply(PrincipalCommands.rotate(ALICE, "hash-2", "gateway", NOW), state);

        // then it is refused and the user stays revoked
        assertThat(revoked).isEqualTo(new Decision.Written<>(ALICE, Principal.newBuilder(ALICE).setKeyHash(null).build()));
        assertThat(rotated).isEqualTo(new Decision.Refused<Principal>(CommandResult.CONFLICT, PrincipalCommands.KEY_CHANGED));
        assertThat(state.get("usr_alice").orElseThrow().getKeyHash()).isNull();
    }

    @Test
    void shouldRevokeARotatedKeyWhateverKeyTheRevokeSaw() {
        // given a rotation applied first
        state.wrote(PrincipalCommands.KIND.apply(PrincipalCommands.rotate(ALICE, "hash-2", "gateway", NOW), state));

        // when a revoke asked from the view before the rotation is applied
        Decision<Principal> revoked = PrincipalCommands.KIND.apply(PrincipalCommands.revoke(ALICE, "gateway", NOW), state);

        // then the rotated key is revoked too
        assertThat(revoked).isInstanceOfSatisfying(Decision.Written.class, w -> {
            assertThat(((Principal) w.before()).getKeyHash()).isEqualTo("hash-2");
            assertThat(((Principal) w.after()).getKeyHash()).isNull();
        });
    }

    @Test
    void shouldGiveARevokedUserANewKeyWhenTheRotationSawItRevoked() {
        // given a revoked user, seen revoked
        Principal revoked = Principal.newBuilder(ALICE).setKeyHash(null).build();
        FakeState<Principal> revokedState = new FakeState<Principal>(Principal::getUserId).with(revoked);

        // when its key is rotated
        Decision<Principal> rotated = PrincipalCommands.KIND.apply(PrincipalCommands.rotate(revoked, "hash-3", "gateway", NOW), revokedState);

        // then it has the new key
        assertThat(rotated).isEqualTo(new Decision.Written<>(revoked, Principal.newBuilder(ALICE).setKeyHash("hash-3").build()));
    }

    @Test
    void shouldRefuseASecondUserWithTheSameEmailInTheTeamWhateverItsCase() {
        // given Alice in team-a
        Principal again = new Principal("usr_other", "team-a", "alice@example.COM", RoleSymbol.admin, "hash-9", NOW);
        Principal elsewhere = new Principal("usr_else", "team-b", "alice@example.com", RoleSymbol.admin, "hash-8", NOW);

        // when users with her email are created in team-a and in team-b
        Decision<Principal> sameTeam = PrincipalCommands.KIND.apply(PrincipalCommands.create(again, "gateway", NOW), state);
        Decision<Principal> otherTeam = PrincipalCommands.KIND.apply(PrincipalCommands.create(elsewhere, "gateway", NOW), state);

        // then only the other team's is created
        assertThat(sameTeam).isEqualTo(new Decision.Refused<Principal>(CommandResult.CONFLICT, PrincipalCommands.EMAIL_TAKEN));
        assertThat(otherTeam).isEqualTo(new Decision.Written<>(null, elsewhere));
    }

    @Test
    void shouldRefuseANewTeamsOwnerWhenTheTeamHasUsers() {
        // given team-a with Alice; when a first owner of team-a and one of a new team are created
        Principal owner = new Principal("usr_owner", "team-a", "owner@example.com", RoleSymbol.owner, "hash-5", NOW);
        Principal fresh = new Principal("usr_fresh", "team-new", "owner@example.com", RoleSymbol.owner, "hash-6", NOW);
        Decision<Principal> existing = PrincipalCommands.KIND.apply(PrincipalCommands.createTeam(owner, "cli", NOW), state);
        Decision<Principal> created = PrincipalCommands.KIND.apply(PrincipalCommands.createTeam(fresh, "cli", NOW), state);

        // then only the new team's is created
        assertThat(existing).isEqualTo(new Decision.Refused<Principal>(CommandResult.CONFLICT, PrincipalCommands.TEAM_EXISTS));
        assertThat(created).isEqualTo(new Decision.Written<>(null, fresh));
    }

    @Test
    void shouldAnswerNotFoundForAnotherTeamsUserAndAnUnknownOne() {
        // when another team revokes Alice's key, and a key of nobody is rotated
        Principal seenByOtherTeam = Principal.newBuilder(ALICE).setTeamId("team-b").build();
        Principal nobody = Principal.newBuilder(ALICE).setUserId("usr_nobody").build();

        // then both are not found
        assertThat(PrincipalCommands.KIND.apply(PrincipalCommands.revoke(seenByOtherTeam, "gateway", NOW), state))
                .isInstanceOfSatisfying(Decision.Refused.class, r -> assertThat(r.result()).isEqualTo(CommandResult.NOT_FOUND));
        assertThat(PrincipalCommands.KIND.apply(PrincipalCommands.rotate(nobody, "h", "gateway", NOW), state))
                .isInstanceOfSatisfying(Decision.Refused.class, r -> assertThat(r.result()).isEqualTo(CommandResult.NOT_FOUND));
    }
}
