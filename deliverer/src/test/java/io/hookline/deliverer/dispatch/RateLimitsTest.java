package io.hookline.deliverer.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The endpoints' rate limits: which endpoints wait for a token, and when they are let go. */
class RateLimitsTest {

    private static final long SECOND = 1_000_000_000L;

    private long now;
    private final RateLimits<String> rates = new RateLimits<>(() -> now);
    private final Endpoint<String> endpoint = new Endpoint<>("e", new Teams<Endpoint<String>>(1).team("a"));

    @Test
    void shouldThrottleAnEndpointWithoutATokenAndReleaseItWhenOneComes() {
        // given one a second
        rates.configure("e", 1);
        assertThat(rates.take(endpoint, now)).isTrue();

        // when
        boolean second = rates.take(endpoint, now);

        // then
        assertThat(second).isFalse();
        assertThat(endpoint.throttled).isTrue();
        assertThat(rates.waiting(endpoint)).isTrue();
        assertThat(rates.throttled()).isEqualTo(1);
        assertThat(rates.released(SECOND / 2, key -> true)).isEmpty();
        assertThat(rates.released(SECOND, key -> true)).containsExactly(endpoint);
        assertThat(endpoint.throttled).isFalse();
        assertThat(rates.throttled()).isZero();
    }

    @Test
    void shouldForgetTheFullBucketOfAnEndpointNoLongerKnownButKeepAnEmptyOne() {
        // given
        rates.configure("e", 1);
        rates.take(endpoint, now);

        // when / then: an empty bucket still limits the endpoint when it comes back
        rates.released(SECOND / 2, key -> false);
        assertThat(rates.bucket("e")).isNotNull();
        rates.released(SECOND, key -> false);
        assertThat(rates.bucket("e")).isNull();
    }

    @Test
    void shouldNotLimitAnEndpointWhoseRateIsRemoved() {
        // given
        rates.configure("e", 1);
        rates.take(endpoint, now);

        // when
        rates.configure("e", 0);

        // then
        assertThat(rates.take(endpoint, now)).isTrue();
        assertThat(rates.take(endpoint, now)).isTrue();
    }

    @Test
    void shouldStopWaitingForATokenWhenTheQueueIsGone() {
        // given
        rates.configure("e", 1);
        rates.take(endpoint, now);
        rates.take(endpoint, now);

        // when
        rates.forget(endpoint);

        // then
        assertThat(endpoint.throttled).isFalse();
        assertThat(rates.throttled()).isZero();
    }
}
