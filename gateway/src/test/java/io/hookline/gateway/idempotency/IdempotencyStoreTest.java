package io.hookline.gateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.schemas.avro.IdempotencyEntryKind;
import io.hookline.schemas.avro.IdempotentResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IdempotencyStoreTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void shouldKeepTheEarliestLiveClaim() {
        IdempotentResponse first = entry(IdempotencyEntryKind.CLAIM, "a", T0);
        IdempotentResponse second = entry(IdempotencyEntryKind.CLAIM, "b", T0.plusMillis(5));
        assertThat(IdempotencyStore.merge(first, second)).isSameAs(first);
    }

    @Test
    void shouldLetANewClaimTakeOverAClaimWhoseGatewayIsPresumedGone() {
        IdempotentResponse stale = entry(IdempotencyEntryKind.CLAIM, "a", T0);
        IdempotentResponse fresh = entry(IdempotencyEntryKind.CLAIM, "b", T0.plus(IdempotencyStore.CLAIM_TTL).plusMillis(1));
        assertThat(IdempotencyStore.merge(stale, fresh)).isSameAs(fresh);
    }

    @Test
    void shouldKeepALiveResponseAgainstALateClaim() {
        IdempotentResponse response = entry(IdempotencyEntryKind.RESPONSE, "a", T0);
        assertThat(IdempotencyStore.merge(response, entry(IdempotencyEntryKind.CLAIM, "b", T0.plusSeconds(1)))).isSameAs(response);
    }

    @Test
    void shouldEndOnlyItsOwnClaimWithARelease() {
        IdempotentResponse claim = entry(IdempotencyEntryKind.CLAIM, "a", T0);
        IdempotentResponse ownRelease = entry(IdempotencyEntryKind.RELEASE, "a", T0.plusSeconds(1));
        assertThat(IdempotencyStore.merge(claim, ownRelease)).isSameAs(ownRelease);
        assertThat(IdempotencyStore.merge(claim, entry(IdempotencyEntryKind.RELEASE, "b", T0.plusSeconds(1)))).isSameAs(claim);
    }

    @Test
    void shouldLetANewRequestClaimAKeyWhoseFirstRequestFailed() {
        IdempotentResponse release = entry(IdempotencyEntryKind.RELEASE, "a", T0);
        IdempotentResponse retry = entry(IdempotencyEntryKind.CLAIM, "b", T0.plusSeconds(1));
        assertThat(IdempotencyStore.merge(release, retry)).isSameAs(retry);
    }

    private static IdempotentResponse entry(IdempotencyEntryKind kind, String claimId, Instant at) {
        return new IdempotentResponse("team", "key", "hash", kind == IdempotencyEntryKind.CLAIM ? 0 : 201, "", at, kind, claimId);
    }
}
