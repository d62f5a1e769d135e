package io.hookline.deliverer.metrics;

import io.hookline.deliverer.delivery.AttemptLog;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.states.AttemptStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts every recorded attempt by outcome ({@code hookline_deliveries_total{outcome=…}}) and times
 * the attempts that made a request ({@code hookline_delivery_attempt_seconds}, a histogram), then
 * records it through the real log. Pending records are counted apart ({@code hookline_deliveries_pending_total}).
 */
public final class MeteredAttemptLog implements AttemptLog {

    private final AttemptLog log;
    private final MeterRegistry registry;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
    private final Timer latency;
    private final Counter pending;

    public MeteredAttemptLog(AttemptLog log, MeterRegistry registry) {
        this.log = log;
        this.registry = registry;
        this.latency = Timer.builder("hookline.delivery.attempt")
                .description("Duration of delivery attempts that made a request")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        this.pending = Counter.builder("hookline.deliveries.pending")
                .description("Deliveries recorded as pending: waiting before their first attempt (rate limit, circuit, FIFO lane, slot)")
                .register(registry);
    }

    @Override
    public CompletionStage<Void> record(DeliveryAttempt attempt) {
        if (AttemptStatus.PENDING.is(attempt.getStatus())) {
            pending.increment(); // a wait, not an attempt: neither an outcome nor a duration
            return log.record(attempt);
        }
        outcomes.computeIfAbsent(attempt.getStatus().name(), outcome -> Counter.builder("hookline.deliveries")
                .description("Delivery attempts recorded, by outcome")
                .tag("outcome", outcome)
                .register(registry)).increment();
        if (!AttemptStatus.SKIPPED.is(attempt.getStatus())) {
            latency.record(Duration.ofMillis(attempt.getDurationMs()));
        }
        return log.record(attempt);
    }
}
