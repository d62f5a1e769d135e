package io.hookline.deliverer;

import io.hookline.deliverer.dispatch.ConsumerLoop;
import io.hookline.deliverer.dispatch.RetryLaps;
import io.hookline.deliverer.dispatch.RetryLoop;
import io.hookline.deliverer.health.EndpointHealth;
import io.hookline.deliverer.log.DeliveryLogHistory;
import io.hookline.deliverer.metrics.DelivererGauges;
import io.hookline.deliverer.state.WebhookView;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.health.contributor.Health;

/**
 * One start-to-stop of the deliverer, made by {@link DelivererRuns} on each start (its Kafka clients
 * cannot be reopened): starts its threads in order and stops them in order, and tells what it holds.
 */
final class DelivererRun implements DelivererGauges.Source {

    /** How long start-up waits for hookline.webhooks to be read to its end. */
    static final Duration WEBHOOK_VIEW_CATCH_UP = Duration.ofSeconds(60);
    /** What stopping waits for the delivery loop beyond its own drain: it commits (10 s at most) and closes. */
    static final Duration LOOP_COMMIT_AND_CLOSE = Duration.ofSeconds(24);
    /** The retry loops commit (10 s at most) and close within this once asked to stop. */
    static final Duration RETRY_LOOPS_STOP = Duration.ofSeconds(15);

    /** The run's three consumer loops: new deliveries, retries due soon, and retries due later. */
    record Loops(ConsumerLoop deliveries, RetryLoop retries, RetryLaps laterRetries) {
    }

    private final DelivererRecords records;
    private final WebhookView view;
    private final EndpointHealth circuits;
    private final DeliveryLogHistory history;
    private final Loops loops;
    private final Duration loopStop;
    private final Thread viewThread;
    private final Thread loopThread;
    private final Thread retryThread;
    private final Thread lapsThread;

    /**
     * @param history    read on the loop's thread only, when it takes a partition (see the dispatch package's docs)
     * @param stopGrace  how long the delivery loop waits for attempts in flight once asked to stop
     */
    DelivererRun(DelivererRecords records, WebhookView view, EndpointHealth circuits, DeliveryLogHistory history, Loops loops,
                 Duration stopGrace) {
        this.records = records;
        this.view = view;
        this.circuits = circuits;
        this.history = history;
        this.loops = loops;
        this.loopStop = stopGrace.plus(LOOP_COMMIT_AND_CLOSE);
        this.viewThread = new Thread(view, "hookline-deliverer-webhooks");
        viewThread.setDaemon(true);
        this.loopThread = new Thread(loops.deliveries(), "hookline-deliverer-loop");
        this.retryThread = new Thread(loops.retries(), "hookline-deliverer-retries");
        this.lapsThread = new Thread(loops.laterRetries(), "hookline-deliverer-retries-later");
    }

    /** Reads hookline.webhooks to its end before any task is looked at, so that known webhooks are known; then the loops. */
    void start() {
        viewThread.start();
        try {
            view.caughtUp().get(WEBHOOK_VIEW_CATCH_UP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading hookline.webhooks", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read hookline.webhooks within " + WEBHOOK_VIEW_CATCH_UP.toSeconds() + " s", e);
        }
        retryThread.start();
        lapsThread.start();
        loopThread.start();
    }

    /** Stops polling, lets attempts in flight be recorded, commits, closes: what is not finished is read again next time. */
    void stop() {
        loops.deliveries().stop();
        loops.retries().stop();
        loops.laterRetries().stop();
        try {
            loopThread.join(loopStop.toMillis());
            retryThread.join(RETRY_LOOPS_STOP.toMillis());
            lapsThread.join(RETRY_LOOPS_STOP.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        view.stop();
        history.close();
        records.close();
    }

    @Override
    public int inFlight() {
        return loops.deliveries().inFlight();
    }

    @Override
    public int buffered() {
        return loops.deliveries().buffered();
    }

    @Override
    public int retriesWaiting() {
        return loops.retries().waiting();
    }

    @Override
    public long consumerLag() {
        return loops.deliveries().lag();
    }

    @Override
    public int openCircuits() {
        return circuits.openCircuits();
    }

    /** UP while the loop polls, with what it holds; DOWN (with the error, if any) otherwise. */
    Health health() {
        ConsumerLoop loop = loops.deliveries();
        if (loop.isPolling()) {
            return Health.up()
                    .withDetail("assignedPartitions", loop.assignedPartitions())
                    .withDetail("retryPartitions", loops.retries().assignedPartitions())
                    .withDetail("laterRetryPartitions", loops.laterRetries().assignedPartitions())
                    .withDetail("retriesWaiting", loops.retries().waiting())
                    .withDetail("openCircuits", circuits.openCircuits())
                    .withDetail("buffered", loop.buffered())
                    .withDetail("paused", loop.isPaused())
                    .withDetail("consumerLag", loop.lag())
                    .withDetail("skippedAsFinished", loop.skippedAsFinished())
                    .build();
        }
        Throwable failure = loop.failure();
        return failure == null ? Health.down().withDetail("reason", "consumer loop not running").build() : Health.down(failure).build();
    }
}
