package io.hookline.gateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.gateway.auth.Caller;
import io.hookline.schemas.principal.Role;
import io.hookline.schemas.avro.IdempotencyEntryKind;
import io.hookline.schemas.avro.IdempotentResponse;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The order in which the view applies the entries of requests sharing a key, set by the test: a request
 * that waited on a first one that failed gets that failure even when a third request has claimed the key
 * again before the waiter looked (IdempotencyIT once saw a 409 there).
 */
class IdempotencyFilterTest {

    static {
        // loading the topic catalog trusts our Avro classes for deep copies (newBuilder(other))
        io.hookline.schemas.topics.Topics.all();
    }

    private static final String TEAM = "team-1";
    private static final String USER = "user-1";
    private static final String KEY = "key-1";
    private static final String PATH = "/v4/webhooks";
    private static final String BODY = "{\"url\":\"https://example.test/hook\"}";
    /** Far under the filter's wait (45 s): the answer is there, only the poll's period separates it from the waiter. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    private static final String FAILURE = "{\"error\":{\"code\":\"validation_failed\"}}";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final SecretCipher cipher = SecretCipher.fromBase64Key(SecretCipher.generateKey());
    private final ClaimOutcomes outcomes = new ClaimOutcomes(clock);
    private final InMemoryIdempotencyLog log = new InMemoryIdempotencyLog(outcomes);
    private final IdempotencyFilter filter = new IdempotencyFilter(new IdempotencyStore(log, outcomes, cipher, clock),
            DataSize.ofKilobytes(64), (exchange, error) -> Mono.error(error));
    private final AtomicInteger runs = new AtomicInteger();
    private final WebFilterChain chain = exchange -> Mono.fromRunnable(runs::incrementAndGet);

    @Test
    void shouldGiveAWaiterTheFailureOfTheClaimItWaitedOnWhenTheKeyIsClaimedAgainBeforeItLooks() throws Exception {
        // given a first request that holds the key
        log.apply(entry(IdempotencyEntryKind.CLAIM, "first", 0, ""));
        MockServerWebExchange waiter = exchange();

        CompletableFuture<Void> answered = filter.filter(waiter, chain).toFuture();

        // when, between two looks of the waiter, the first request fails and a third one claims the key
        log.apply(entry(IdempotencyEntryKind.RELEASE, "first", 422, FAILURE), entry(IdempotencyEntryKind.CLAIM, "third", 0, ""));
        answered.get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);

        // then the waiter answers with the first request's failure and did not run itself
        assertFailureReplayed(waiter);
    }

    @Test
    void shouldGiveAWaiterTheFailureOfTheClaimThatBeatItEvenIfThatClaimEndedBeforeItsOwnClaimWasReadBack() {
        // given a first request that holds the key, which fails and is followed by a third claim right behind the waiter's claim
        log.apply(entry(IdempotencyEntryKind.CLAIM, "first", 0, ""));
        log.afterAppend(own -> {
            if (own.getKind() == IdempotencyEntryKind.CLAIM) {
                log.apply(entry(IdempotencyEntryKind.RELEASE, "first", 422, FAILURE));
                log.apply(entry(IdempotencyEntryKind.CLAIM, "third", 0, ""));
            }
        });
        MockServerWebExchange waiter = exchange();

        // when the waiter runs
        filter.filter(waiter, chain).block(ANSWER_WITHIN);

        // then it answers with the failure of the claim that beat it
        assertFailureReplayed(waiter);
    }

    @Test
    void shouldRunTheRequestThatClaimsAFreeKey() {
        MockServerWebExchange only = exchange();

        filter.filter(only, chain).block(ANSWER_WITHIN);

        assertThat(runs).hasValue(1);
    }

    private void assertFailureReplayed(MockServerWebExchange waiter) {
        assertThat(runs).hasValue(0);
        assertThat(waiter.getResponse().getStatusCode()).isEqualTo(HttpStatusCode.valueOf(422));
        assertThat(waiter.getResponse().getHeaders().getFirst(IdempotencyFilter.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(waiter.getResponse().getBodyAsString().block()).isEqualTo(FAILURE);
    }

    private IdempotentResponse entry(IdempotencyEntryKind kind, String claimId, int status, String body) {
        String hash = RequestFingerprint.of(USER, "POST", PATH, BODY.getBytes(StandardCharsets.UTF_8));
        return new IdempotentResponse(TEAM, KEY, hash, status, body.isEmpty() ? "" : cipher.encrypt(body), clock.instant(), kind, claimId);
    }

    private static MockServerWebExchange exchange() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post(PATH)
                .header(RequestFingerprint.HEADER, KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .body(BODY));
        new Caller(USER, TEAM, Role.ADMIN).attachTo(exchange);
        return exchange;
    }
}
