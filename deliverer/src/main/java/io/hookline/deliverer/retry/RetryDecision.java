package io.hookline.deliverer.retry;

import java.time.Instant;

/** What follows an attempt: nothing (it succeeded), another attempt at a time, giving up, or disabling the webhook. */
public sealed interface RetryDecision {

    /** The attempt succeeded. */
    record Delivered() implements RetryDecision {
    }

    /** Try again, not before {@code at}. */
    record RetryAt(Instant at) implements RetryDecision {
    }

    /** No further attempt: the policy has none (left). */
    record GiveUp() implements RetryDecision {
    }

    /** The endpoint answered {@code 410 Gone}: stop retrying and disable the webhook. */
    record Gone(String reason) implements RetryDecision {
    }
}
