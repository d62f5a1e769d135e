package io.hookline.deliverer;

import io.hookline.deliverer.delivery.DeliveryJob;
import io.hookline.deliverer.dispatch.ConsumerLoop;
import io.hookline.deliverer.dispatch.DeadLetters;
import io.hookline.deliverer.dispatch.RetryLaps;
import io.hookline.deliverer.dispatch.RetryLoop;
import io.hookline.deliverer.health.EndpointHealth;
import io.hookline.deliverer.health.KafkaCircuits;
import io.hookline.deliverer.log.DeliveryLogHistory;
import io.hookline.deliverer.log.KafkaAttemptLog;
import io.hookline.deliverer.log.KafkaRetryQueue;
import io.hookline.deliverer.metrics.MeteredAttemptLog;
import io.hookline.deliverer.retry.RetryRules;
import io.hookline.deliverer.state.KafkaWebhookGate;
import io.hookline.deliverer.state.WebhookView;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;

/**
 * Makes the parts of each {@link DelivererRun}: everything that holds a Kafka client or a thread, which
 * cannot outlive a stop. The stateless parts (the sender, the request factory, the retry rules) are beans,
 * injected here and shared by every run.
 */
final class DelivererRuns {

    /** How often the delivery loop commits what is finished: the delivery log, not the offsets, keeps finished
     *  deliveries from being sent again, but each commit is less of the log to read back. */
    static final Duration DELIVERY_COMMIT_INTERVAL = Duration.ofMillis(100);
    /** Retries are few and wait long: committing them less often costs at most a few retries read again. */
    static final Duration RETRY_COMMIT_INTERVAL = Duration.ofMillis(500);
    /** Retries held in memory, as a multiple of the deliveries buffered, before the retry topic pauses. */
    static final int RETRIES_PER_BUFFERED_DELIVERY = 5;
    /** How long taking a partition may spend reading its attempts back from the delivery log. */
    static final Duration HISTORY_READ = Duration.ofSeconds(60);
    /** Beyond the delivery timeout, what stopping gives an attempt in flight to be recorded. */
    static final Duration RECORD_GRACE = Duration.ofSeconds(1);

    private final DelivererClients clients;
    private final DeliveryProperties properties;
    private final HealthProperties health;
    private final DeliveryJob.Transport transport;
    private final RetryRules retryRules;
    private final Clock clock;
    private final MeterRegistry meters;

    /** @param transport builds, signs and sends each attempt's request */
    DelivererRuns(DelivererClients clients, DeliveryProperties properties, HealthProperties health, DeliveryJob.Transport transport,
                  RetryRules retryRules, Clock clock, MeterRegistry meters) {
        this.clients = clients;
        this.properties = properties;
        this.health = health;
        this.transport = transport;
        this.retryRules = retryRules;
        this.clock = clock;
        this.meters = meters;
    }

    /** Where the runs' metrics go: the lifecycle registers the gauges of the current run there too. */
    MeterRegistry meters() {
        return meters;
    }

    /** The topics exist, the clients are open; nothing polls until {@link DelivererRun#start()}. */
    DelivererRun open() {
        clients.ensureTopics();
        DelivererRecords out = DelivererRecords.open(clients);
        WebhookView view = new WebhookView(clients.webhooks());
        EndpointHealth circuits = new EndpointHealth(clock, health.failureThreshold(), health.openFor(), health.disableAfter(),
                new KafkaCircuits(out.producer, out.thread, clock));
        DeliveryJob job = new DeliveryJob(transport,
                new DeliveryJob.Outputs(new MeteredAttemptLog(new KafkaAttemptLog(out.records), meters), new KafkaRetryQueue(out.records),
                        new KafkaWebhookGate(view, out.records, clock)),
                new DeliveryJob.Rules(retryRules, circuits), clock);
        DeliveryLogHistory history = new DeliveryLogHistory(clients.history(), HISTORY_READ);
        Duration stopGrace = properties.timeout().plus(RECORD_GRACE);
        ConsumerLoop deliveries = new ConsumerLoop(clients.deliveries(), job::deliver, new KafkaRetryQueue(out.records), job,
                new DeadLetters(out.records), history,
                new ConsumerLoop.Limits(properties.maxInFlight(), properties.maxInFlightPerEndpoint(), properties.maxBuffered(),
                        properties.maxTeamShare()),
                clock, stopGrace, DELIVERY_COMMIT_INTERVAL);
        RetryLoop retries = new RetryLoop(clients.retries(), out.records, clock, properties.maxBuffered() * RETRIES_PER_BUFFERED_DELIVERY,
                properties.maxWaitingRetriesPerWebhook(), properties.retryHorizon(), RETRY_COMMIT_INTERVAL);
        RetryLaps laterRetries = new RetryLaps(clients.laterRetries(), out.records, clock, properties.retryHorizon(), RETRY_COMMIT_INTERVAL);
        return new DelivererRun(out, view, circuits, history, new DelivererRun.Loops(deliveries, retries, laterRetries), stopGrace);
    }
}
