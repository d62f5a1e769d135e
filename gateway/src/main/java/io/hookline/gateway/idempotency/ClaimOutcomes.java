package io.hookline.gateway.idempotency;

import io.hookline.schemas.avro.IdempotencyEntryKind;
import io.hookline.schemas.avro.IdempotentResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BinaryOperator;

/**
 * The view's merge ({@link IdempotencyStore#merge}) with a short memory of contested claims, kept as the
 * view applies entries: which entry beat a claim that lost, and what became of a claim that others wait on
 * (its response or its release). A waiter asks for the outcome of the very claim it waited on, so it gets
 * that answer even when a later request has claimed the key again before the waiter looked; the view's
 * current value alone would by then show the new claim. Only contested claims are remembered, and only
 * for {@link #RETENTION}, longer than any request waits.
 */
final class ClaimOutcomes implements BinaryOperator<IdempotentResponse> {

    static final Duration RETENTION = IdempotencyStore.CLAIM_TTL;

    private record Remembered(IdempotentResponse entry, Instant at) {
    }

    private final Clock clock;
    /** A claim that lost → the live claim or response that beat it. */
    private final Map<String, Remembered> beaten = new LinkedHashMap<>();
    /** A claim that beat another, so someone waits on it → that claim. */
    private final Map<String, Remembered> awaited = new LinkedHashMap<>();
    /** An awaited claim → its answer. */
    private final Map<String, Remembered> answers = new LinkedHashMap<>();

    ClaimOutcomes(Clock clock) {
        this.clock = clock;
    }

    @Override
    public IdempotentResponse apply(IdempotentResponse current, IdempotentResponse next) {
        IdempotentResponse kept = IdempotencyStore.merge(current, next);
        remember(current, next, kept);
        return kept;
    }

    private synchronized void remember(IdempotentResponse current, IdempotentResponse next, IdempotentResponse kept) {
        Instant now = clock.instant();
        if (next.getCreatedAt().plus(RETENTION).isBefore(now)) {
            return; // history read at start-up: nobody waits on it any more
        }
        if (next.getKind() == IdempotencyEntryKind.CLAIM && kept == current) {
            beaten.put(next.getClaimId(), new Remembered(current, now));
            if (current.getKind() == IdempotencyEntryKind.CLAIM) {
                awaited.putIfAbsent(current.getClaimId(), new Remembered(current, now));
            }
        } else if (next.getKind() != IdempotencyEntryKind.CLAIM && awaited.remove(next.getClaimId()) != null) {
            answers.put(next.getClaimId(), new Remembered(next, now));
        }
        forgetBefore(now.minus(RETENTION));
    }

    /** The entry that beat this claim when the view applied it; empty if the claim won (or is unknown). */
    synchronized Optional<IdempotentResponse> winnerOver(String claimId) {
        return Optional.ofNullable(beaten.get(claimId)).map(Remembered::entry);
    }

    /** The response or release that ended this awaited claim, once the view has applied it. */
    synchronized Optional<IdempotentResponse> outcomeOf(String claimId) {
        return Optional.ofNullable(answers.get(claimId)).map(Remembered::entry);
    }

    /** Entries are added in the order they are applied, so the oldest are first. */
    private void forgetBefore(Instant limit) {
        for (Map<String, Remembered> memory : List.of(beaten, awaited, answers)) {
            Iterator<Remembered> oldest = memory.values().iterator();
            while (oldest.hasNext() && oldest.next().at().isBefore(limit)) {
                oldest.remove();
            }
        }
    }
}
