package io.hookline.deliverer;

import io.hookline.deliverer.metrics.DelivererGauges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the deliverer and stops it in order: stop polling, let attempts in flight be recorded (up to
 * one delivery timeout), commit, close. What is not finished is read again on the next start, so
 * stopping loses nothing. Each start is a new {@link DelivererRun}: its Kafka clients cannot be reopened.
 */
public final class DelivererLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DelivererLifecycle.class);
    /** What the gauges read while the deliverer is stopped. */
    private static final DelivererGauges.Source STOPPED = new DelivererGauges.Source() {
        @Override
        public int inFlight() {
            return 0;
        }

        @Override
        public int buffered() {
            return 0;
        }

        @Override
        public int retriesWaiting() {
            return 0;
        }

        @Override
        public long consumerLag() {
            return 0;
        }

        @Override
        public int openCircuits() {
            return 0;
        }
    };

    private final DelivererRuns runs;
    private final DeliveryProperties properties;
    private volatile DelivererRun run;

    /** @param runs makes each start's run, and holds the registry its gauges go to */
    DelivererLifecycle(DelivererRuns runs, DeliveryProperties properties) {
        this.runs = runs;
        this.properties = properties;
        DelivererGauges.register(runs.meters(), () -> {
            DelivererRun current = run;
            return current == null ? STOPPED : current;
        });
    }

    @Override
    public synchronized void start() {
        if (run != null) {
            return;
        }
        DelivererRun next = runs.open();
        next.start();
        run = next;
        log.info("Deliverer consuming as group {} ({} in flight at most, {} per endpoint, a team {} of them while others wait)",
                properties.consumerGroup(), properties.maxInFlight(), properties.maxInFlightPerEndpoint(), properties.maxTeamShare());
    }

    @Override
    public synchronized void stop() {
        DelivererRun current = run;
        if (current == null) {
            return;
        }
        current.stop();
        run = null;
        log.info("Deliverer stopped");
    }

    @Override
    public boolean isRunning() {
        return run != null;
    }

    /** The run's health; DOWN while stopped. */
    Health health() {
        DelivererRun current = run;
        return current == null ? Health.down().withDetail("reason", "consumer loop not running").build() : current.health();
    }
}
