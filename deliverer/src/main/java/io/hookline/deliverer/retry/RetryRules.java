package io.hookline.deliverer.retry;

import io.hookline.deliverer.delivery.DeliveryOutcome;
import io.hookline.schemas.avro.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * The retry maths: which attempt comes next and when. {@code none} (or no policy) means one attempt;
 * {@code exponential} waits the schedule's n-th step after the n-th failed attempt, ±20 % jitter;
 * a timeout or a 429 waits at least a minute; {@code Retry-After} on a 429 or 503 is honoured within
 * [scheduled, 2 × scheduled]; {@code 410 Gone} stops and disables. Randomness is injected so that
 * tests can fix it.
 */
public final class RetryRules {

    static final Duration PENALTY = Duration.ofSeconds(60);
    private static final double JITTER = 0.2;
    private static final Duration MAX_DEFERRAL = Duration.ofHours(1);

    private final DoubleSupplier random;

    /** @param random uniform in [0, 1), e.g. {@code new SplittableRandom()::nextDouble} */
    public RetryRules(DoubleSupplier random) {
        this.random = random;
    }

    /** After attempt number {@code attempt} (1-based) ended with {@code outcome} at {@code now}. */
    public RetryDecision decide(RetryPolicy policy, int attempt, DeliveryOutcome outcome, Instant now) {
        Failure failure = outcome.match(new DeliveryOutcome.Cases<Failure>() {
            @Override
            public Failure responded(DeliveryOutcome.Responded r) {
                return r.successful() ? null : new Failure(r.status(), r.headers().get("retry-after"), false, true);
            }

            @Override
            public Failure timedOut(DeliveryOutcome.TimedOut t) {
                return new Failure(0, null, true, true);
            }

            @Override
            public Failure refused(DeliveryOutcome.Refused r) {
                // a rule forbids sending (bad URL, refused address, unusable secret): retrying changes nothing
                return new Failure(0, null, false, false);
            }

            @Override
            public Failure unreachable(DeliveryOutcome.Unreachable u) {
                return new Failure(0, null, false, true);
            }
        });
        if (failure == null) {
            return new RetryDecision.Delivered();
        }
        if (failure.status() == 410) {
            return new RetryDecision.Gone("endpoint answered 410 Gone");
        }
        if (!failure.retriable() || policy == null || !"exponential".equals(policy.getMode())) {
            return new RetryDecision.GiveUp();
        }
        List<Duration> schedule = Schedules.parse(policy.getSchedule());
        if (attempt < 1 || attempt > schedule.size()) {
            return new RetryDecision.GiveUp();
        }
        Duration scheduled = schedule.get(attempt - 1);
        return new RetryDecision.RetryAt(now.plus(wait(scheduled, failure, now)));
    }

    private Duration wait(Duration scheduled, Failure failure, Instant now) {
        double factor = 1 + JITTER * (2 * random.getAsDouble() - 1);
        Duration wait = Duration.ofMillis(Math.round(scheduled.toMillis() * factor));
        if ((failure.status() == 429 || failure.status() == 503) && failure.retryAfter() != null) {
            Duration asked = retryAfter(failure.retryAfter(), now);
            if (asked != null) {
                Duration max = scheduled.multipliedBy(2);
                wait = asked.compareTo(scheduled) < 0 ? scheduled : asked.compareTo(max) > 0 ? max : asked;
            }
        }
        if (failure.timedOut() || failure.status() == 429) {
            wait = wait.compareTo(PENALTY) < 0 ? PENALTY : wait;
        }
        return wait;
    }

    /**
     * Until when a delivery waits for an open circuit. Not just until it half-opens: a delivery that
     * has already waited long waits half as long again (at most an hour), and each wait is spread
     * by up to 20 %, so a dead endpoint's backlog is not sent round the retry topic every time its
     * probe fails.
     *
     * @param queuedSince when the delivery was first queued (its task's {@code createdAt})
     */
    public Instant deferUntil(Instant reopensAt, Instant queuedSince, Instant now) {
        Duration age = queuedSince.isBefore(now) ? Duration.between(queuedSince, now) : Duration.ZERO;
        Duration backoff = age.dividedBy(2);
        backoff = backoff.compareTo(MAX_DEFERRAL) > 0 ? MAX_DEFERRAL : backoff;
        Instant base = reopensAt.isAfter(now.plus(backoff)) ? reopensAt : now.plus(backoff);
        long spread = Math.round(Duration.between(now, base).toMillis() * JITTER * random.getAsDouble());
        return base.plusMillis(spread);
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date; null when it is neither. */
    static Duration retryAfter(String value, Instant now) {
        String v = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private record Failure(int status, String retryAfter, boolean timedOut, boolean retriable) {
    }
}
