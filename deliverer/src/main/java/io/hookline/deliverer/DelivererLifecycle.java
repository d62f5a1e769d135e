package io.hookline.deliverer;

import io.hookline.deliverer.delivery.DeliveryJob;
import io.hookline.deliverer.dispatch.ConsumerLoop;
import io.hookline.deliverer.dispatch.DeadLetters;
import io.hookline.deliverer.dispatch.RetryLaps;
import io.hookline.deliverer.dispatch.RetryLoop;
import io.hookline.deliverer.health.EndpointHealth;
import io.hookline.deliverer.health.KafkaCircuits;
import io.hookline.deliverer.http.HttpSender;
import io.hookline.deliverer.log.DeliveryLogHistory;
import io.hookline.deliverer.log.KafkaAttemptLog;
import io.hookline.deliverer.log.KafkaRetryQueue;
import io.hookline.deliverer.log.RetryingProducer;
import io.hookline.deliverer.metrics.DelivererGauges;
import io.hookline.deliverer.metrics.MeteredAttemptLog;
import io.hookline.deliverer.request.RequestFactory;
import io.hookline.deliverer.retry.RetryRules;
import io.hookline.deliverer.state.KafkaWebhookGate;
import io.hookline.deliverer.state.WebhookView;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the deliverer's consumer loop and stops it in order: stop polling, let attempts in flight
 * be recorded (up to one delivery timeout), commit, close. What is not finished is read again on
 * the next start, so stopping loses nothing.
 */
public final class DelivererLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DelivererLifecycle.class);
    /** How often the delivery loop commits what is finished: the delivery log, not the offsets, keeps finished
     *  deliveries from being sent again, but each commit is less of the log to read back. */
    static final Duration DELIVERY_COMMIT_INTERVAL = Duration.ofMillis(100);
    static final Duration RETRY_COMMIT_INTERVAL = Duration.ofMillis(500);
    /** Retries held in memory, as a multiple of the deliveries buffered, before the retry topic pauses. */
    static final int RETRIES_PER_BUFFERED_DELIVERY = 5;
    /** How long start-up waits for hookline.webhooks to be read to its end. */
    static final Duration WEBHOOK_VIEW_CATCH_UP = Duration.ofSeconds(60);
    /** How long taking a partition may spend reading its attempts back from the delivery log. */
    static final Duration HISTORY_READ = Duration.ofSeconds(60);
    /** How soon a record the producer could not write is tried again. */
    static final Duration RECORD_RETRY = Duration.ofSeconds(1);
    /** The retry loops commit (10 s at most) and close within this once asked to stop. */
    static final Duration RETRY_LOOPS_STOP = Duration.ofSeconds(15);

    private final DelivererClients clients;
    private final DeliveryProperties properties;
    private final HttpSender sender;
    private final RequestFactory requests;
    private final RetryRules retryRules;
    private final Clock clock;
    private final HealthProperties healthProperties;
    private final MeterRegistry meters;
    private volatile EndpointHealth endpointHealth;

    private volatile ConsumerLoop loop;
    private Thread thread;
    private KafkaProducer<String, byte[]> producer;
    private RetryingProducer records;
    private ScheduledExecutorService recordThread;
    private WebhookView view;
    private Thread viewThread;
    private volatile RetryLoop retryLoop;
    private Thread retryThread;
    private volatile RetryLaps retryLaps;
    private DeliveryLogHistory history;
    private Thread lapsThread;

    /**
     * @param requests   builds and signs each attempt's request
     * @param retryRules when a failed attempt is tried again
     */
    DelivererLifecycle(DelivererClients clients, DeliveryProperties properties, HealthProperties healthProperties, HttpSender sender,
                       RequestFactory requests, RetryRules retryRules, Clock clock, MeterRegistry meters) {
        this.clients = clients;
        this.properties = properties;
        this.healthProperties = healthProperties;
        this.sender = sender;
        this.requests = requests;
        this.retryRules = retryRules;
        this.clock = clock;
        this.meters = meters;
        DelivererGauges.register(meters, this::gaugeSource);
    }

    @Override
    public synchronized void start() {
        if (loop != null) {
            return;
        }
        clients.ensureTopics();
        producer = clients.producer();
        recordThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hookline-deliverer-record");
            t.setDaemon(true);
            return t;
        });
        records = new RetryingProducer(producer, recordThread, RECORD_RETRY);
        startWebhookView();
        endpointHealth = new EndpointHealth(clock, healthProperties.failureThreshold(), healthProperties.openFor(),
                healthProperties.disableAfter(), new KafkaCircuits(producer, recordThread, clock));
        DeliveryJob job = new DeliveryJob(requests, sender, new MeteredAttemptLog(new KafkaAttemptLog(records), meters), clock, retryRules,
                new KafkaRetryQueue(records), new KafkaWebhookGate(view, records, clock), endpointHealth);
        retryLoop = new RetryLoop(clients.retries(), records, clock, properties.maxBuffered() * RETRIES_PER_BUFFERED_DELIVERY,
                properties.maxWaitingRetriesPerWebhook(), properties.retryHorizon(), RETRY_COMMIT_INTERVAL);
        retryThread = new Thread(retryLoop, "hookline-deliverer-retries");
        retryThread.start();
        retryLaps = new RetryLaps(clients.laterRetries(), records, clock, properties.retryHorizon(), RETRY_COMMIT_INTERVAL);
        lapsThread = new Thread(retryLaps, "hookline-deliverer-retries-later");
        lapsThread.start();
        // used on the loop's thread only, when it takes a partition (see the dispatch package's docs)
        history = new DeliveryLogHistory(clients.history(), HISTORY_READ);
        loop = new ConsumerLoop(clients.deliveries(), job::deliver, new KafkaRetryQueue(records), job, new DeadLetters(records), history,
                new ConsumerLoop.Limits(properties.maxInFlight(), properties.maxInFlightPerEndpoint(), properties.maxBuffered(),
                        properties.maxTeamShare()),
                clock, properties.timeout().plusSeconds(1), DELIVERY_COMMIT_INTERVAL);
        thread = new Thread(loop, "hookline-deliverer-loop");
        thread.start();
        log.info("Deliverer consuming as group {} ({} in flight at most, {} per endpoint, a team {} of them while others wait)",
                properties.consumerGroup(), properties.maxInFlight(), properties.maxInFlightPerEndpoint(), properties.maxTeamShare());
    }

    /** Reads hookline.webhooks to its end before any task is looked at, so that known webhooks are known. */
    private void startWebhookView() {
        view = new WebhookView(clients.webhooks());
        viewThread = new Thread(view, "hookline-deliverer-webhooks");
        viewThread.setDaemon(true);
        viewThread.start();
        try {
            view.caughtUp().get(WEBHOOK_VIEW_CATCH_UP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading hookline.webhooks", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read hookline.webhooks within " + WEBHOOK_VIEW_CATCH_UP.toSeconds() + " s", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (loop == null) {
            return;
        }
        loop.stop();
        retryLoop.stop();
        retryLaps.stop();
        try {
            // the loop waits up to timeout + 1 s for attempts, then commits (10 s at most) and closes
            thread.join(properties.timeout().plusSeconds(25).toMillis());
            retryThread.join(RETRY_LOOPS_STOP.toMillis());
            lapsThread.join(RETRY_LOOPS_STOP.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        view.stop();
        history.close();
        records.close();
        producer.close(Duration.ofSeconds(10));
        recordThread.shutdown();
        try {
            recordThread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loop = null;
        log.info("Deliverer stopped");
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }

    private DelivererGauges.Source gaugeSource() {
        ConsumerLoop current = loop;
        RetryLoop retries = retryLoop;
        EndpointHealth circuits = endpointHealth;
        return new DelivererGauges.Source() {
            @Override
            public int inFlight() {
                return current == null ? 0 : current.inFlight();
            }

            @Override
            public int buffered() {
                return current == null ? 0 : current.buffered();
            }

            @Override
            public int retriesWaiting() {
                return retries == null ? 0 : retries.waiting();
            }

            @Override
            public long consumerLag() {
                return current == null ? 0 : current.lag();
            }

            @Override
            public int openCircuits() {
                return circuits == null ? 0 : circuits.openCircuits();
            }
        };
    }

    /** UP while the loop polls, with what it holds; DOWN (with the error, if any) otherwise. */
    Health health() {
        ConsumerLoop current = loop;
        if (current != null && current.isPolling()) {
            return Health.up()
                    .withDetail("assignedPartitions", current.assignedPartitions())
                    .withDetail("retryPartitions", retryLoop.assignedPartitions())
                    .withDetail("laterRetryPartitions", retryLaps.assignedPartitions())
                    .withDetail("retriesWaiting", retryLoop.waiting())
                    .withDetail("openCircuits", endpointHealth.openCircuits())
                    .withDetail("buffered", current.buffered())
                    .withDetail("paused", current.isPaused())
                    .withDetail("consumerLag", current.lag())
                    .withDetail("skippedAsFinished", current.skippedAsFinished())
                    .build();
        }
        Throwable failure = current == null ? null : current.failure();
        return failure == null ? Health.down().withDetail("reason", "consumer loop not running").build()
                : Health.down(failure).build();
    }
}
