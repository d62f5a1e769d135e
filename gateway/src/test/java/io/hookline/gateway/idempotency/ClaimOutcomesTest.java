package io.hookline.gateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.schemas.avro.IdempotencyEntryKind;
import io.hookline.schemas.avro.IdempotentResponse;
import io.hookline.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClaimOutcomesTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final ClaimOutcomes outcomes = new ClaimOutcomes(clock);

    @Test
    void shouldRememberWhatBeatALosingClaimAndWhatBecameOfTheWinner() {
        // given a claim that beats another, then fails
        IdempotentResponse first = entry(IdempotencyEntryKind.CLAIM, "first");
        IdempotentResponse kept = outcomes.apply(first, entry(IdempotencyEntryKind.CLAIM, "second"));
        IdempotentResponse release = entry(IdempotencyEntryKind.RELEASE, "first");
        kept = outcomes.apply(kept, release);
        // when a third claim takes the key
        outcomes.apply(kept, entry(IdempotencyEntryKind.CLAIM, "third"));
        // then the loser's winner and that winner's end are still known
        assertThat(outcomes.winnerOver("second")).contains(first);
        assertThat(outcomes.outcomeOf("first")).contains(release);
        assertThat(outcomes.winnerOver("third")).isEmpty();
    }

    @Test
    void shouldRememberNothingOfAClaimNobodyWaitsOn() {
        IdempotentResponse claim = entry(IdempotencyEntryKind.CLAIM, "alone");
        outcomes.apply(claim, entry(IdempotencyEntryKind.RESPONSE, "alone"));
        assertThat(outcomes.outcomeOf("alone")).isEmpty();
    }

    @Test
    void shouldForgetContestedClaimsOnceNoRequestCanStillWaitOnThem() {
        // given a contested claim that was answered
        IdempotentResponse first = entry(IdempotencyEntryKind.CLAIM, "first");
        outcomes.apply(first, entry(IdempotencyEntryKind.CLAIM, "second"));
        outcomes.apply(first, entry(IdempotencyEntryKind.RESPONSE, "first"));
        // when later entries are applied past the retention
        clock.advance(ClaimOutcomes.RETENTION.plus(Duration.ofSeconds(1)));
        outcomes.apply(entry(IdempotencyEntryKind.CLAIM, "other"), entry(IdempotencyEntryKind.CLAIM, "late"));
        // then the old ones are gone, the new ones kept
        assertThat(outcomes.winnerOver("second")).isEmpty();
        assertThat(outcomes.outcomeOf("first")).isEmpty();
        assertThat(outcomes.winnerOver("late")).isPresent();
    }

    private IdempotentResponse entry(IdempotencyEntryKind kind, String claimId) {
        return new IdempotentResponse("team", "key", "hash", kind == IdempotencyEntryKind.CLAIM ? 0 : 201, "", clock.instant(), kind, claimId);
    }
}
