package io.hookline.gateway.idempotency;

import io.hookline.schemas.avro.IdempotencyEntryKind;
import io.hookline.schemas.avro.IdempotentResponse;
import io.hookline.schemas.crypto.SecretCipher;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Claims and first responses of requests with an {@code Idempotency-Key}, kept on the compacted
 * {@code hookline.idempotency} topic (key {@code team|key}) and read from this gateway's view of it,
 * so they hold across restarts and for every gateway instance. A response counts for 24 h; the
 * topic's own retention removes it later. Bodies are stored encrypted (AES-GCM, the signing secrets'
 * key): a first response may hold a webhook's secret or a new API key, which must never rest in clear.
 *
 * <p>Which request runs is decided by the topic, not by any one gateway: each request writes a claim,
 * and every gateway's view keeps the earliest live claim of a key ({@link #merge}), so once a claim
 * has been read back, all gateways agree on the one that won. The others wait for its answer, which
 * {@link ClaimOutcomes} keeps per claim as the view applies it.
 */
final class IdempotencyStore {

    static final Duration TTL = Duration.ofHours(24);
    /** How long a claim holds without an answer: past it, its gateway is presumed gone and another may run the request. */
    static final Duration CLAIM_TTL = Duration.ofMinutes(2);

    private final IdempotencyLog log;
    private final ClaimOutcomes outcomes;
    private final SecretCipher cipher;
    private final Clock clock;

    /** @param outcomes the merge of the view {@code log} reads, which remembers contested claims */
    IdempotencyStore(IdempotencyLog log, ClaimOutcomes outcomes, SecretCipher cipher, Clock clock) {
        this.log = log;
        this.outcomes = outcomes;
        this.cipher = cipher;
        this.clock = clock;
    }

    static String storeKey(String teamId, String key) {
        return teamId + "|" + key;
    }

    /**
     * What a view keeps of a key when the next entry arrives, the same in every gateway since all read the
     * entries in the topic's order: a response replaces anything; a claim replaces neither a live claim of
     * another request (the earliest wins) nor a live response; a release ends only its own claim.
     */
    static IdempotentResponse merge(IdempotentResponse current, IdempotentResponse next) {
        return switch (next.getKind()) {
            case RESPONSE -> next;
            case CLAIM -> liveClaim(current, next) || liveResponse(current, next) ? current : next;
            case RELEASE -> current.getKind() == IdempotencyEntryKind.CLAIM && current.getClaimId().equals(next.getClaimId()) ? next : current;
        };
    }

    private static boolean liveClaim(IdempotentResponse current, IdempotentResponse next) {
        return current.getKind() == IdempotencyEntryKind.CLAIM && current.getCreatedAt().plus(CLAIM_TTL).isAfter(next.getCreatedAt());
    }

    private static boolean liveResponse(IdempotentResponse current, IdempotentResponse next) {
        return current.getKind() == IdempotencyEntryKind.RESPONSE && current.getCreatedAt().plus(TTL).isAfter(next.getCreatedAt());
    }

    /** Completes once the view has read what the topic held at start-up, so a restart forgets nothing. */
    Mono<Void> ready() {
        return log.ready();
    }

    /** The first response stored under this key within the last 24 h, its body decrypted. */
    Optional<IdempotentResponse> find(String teamId, String key) {
        return current(teamId, key).filter(r -> r.getKind() == IdempotencyEntryKind.RESPONSE);
    }

    /** What the view holds for this key now (a live claim, a response within 24 h, or a release), bodies decrypted. */
    Optional<IdempotentResponse> current(String teamId, String key) {
        return log.get(storeKey(teamId, key))
                .filter(r -> r.getCreatedAt().plus(r.getKind() == IdempotencyEntryKind.CLAIM ? CLAIM_TTL : TTL).isAfter(clock.instant()))
                .map(this::decrypted);
    }

    /**
     * What beat this request's claim when the view applied it (the live claim it must wait on, or a live
     * response); empty when the claim won. Asked once {@link #claim} has completed.
     */
    Optional<IdempotentResponse> winnerOver(String claimId) {
        return outcomes.winnerOver(claimId).map(this::decrypted);
    }

    /** The response or release that ended a claim others wait on, once this gateway's view has applied it. */
    Optional<IdempotentResponse> outcomeOf(String claimId) {
        return outcomes.outcomeOf(claimId).map(this::decrypted);
    }

    private IdempotentResponse decrypted(IdempotentResponse r) {
        return IdempotentResponse.newBuilder(r).setBody(r.getBody().isEmpty() ? "" : cipher.decrypt(r.getBody())).build();
    }

    /** Claims the key for one request; completes once this gateway's view has applied the claim (won or not). */
    Mono<Void> claim(String teamId, String key, String claimId, String requestHash) {
        return write(new IdempotentResponse(teamId, key, requestHash, 0, "", clock.instant(), IdempotencyEntryKind.CLAIM, claimId));
    }

    /** Stores a first (successful) response, replayed to every repeat for 24 h; completes once this gateway's view holds it. */
    Mono<Void> save(String teamId, String key, String claimId, String requestHash, int status, String body) {
        return write(entry(IdempotencyEntryKind.RESPONSE, teamId, key, claimId, requestHash, status, body));
    }

    /** Ends a claim whose request failed: the requests that waited on it get this answer, later ones run again. */
    Mono<Void> release(String teamId, String key, String claimId, String requestHash, int status, String body) {
        return write(entry(IdempotencyEntryKind.RELEASE, teamId, key, claimId, requestHash, status, body));
    }

    private IdempotentResponse entry(IdempotencyEntryKind kind, String teamId, String key, String claimId, String requestHash,
            int status, String body) {
        return new IdempotentResponse(teamId, key, requestHash, status, body.isEmpty() ? "" : cipher.encrypt(body), clock.instant(),
                kind, claimId);
    }

    private Mono<Void> write(IdempotentResponse entry) {
        return log.append(entry);
    }
}
