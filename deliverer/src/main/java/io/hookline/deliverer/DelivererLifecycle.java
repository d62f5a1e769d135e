package io.hookline.deliverer;

import io.hookline.deliverer.delivery.DeliveryJob;
import io.hookline.deliverer.health.EndpointHealth;
import io.hookline.deliverer.health.KafkaCircuits;
import io.hookline.deliverer.dispatch.ConsumerLoop;
import io.hookline.deliverer.dispatch.DeadLetters;
import io.hookline.deliverer.dispatch.RetryLaps;
import io.hookline.deliverer.dispatch.RetryLoop;
import io.hookline.deliverer.http.HttpSender;
import io.hookline.deliverer.log.DeliveryLogHistory;
import io.hookline.deliverer.log.KafkaAttemptLog;
import io.hookline.deliverer.log.KafkaRetryQueue;
import io.hookline.deliverer.metrics.DelivererGauges;
import io.hookline.deliverer.metrics.MeteredAttemptLog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.hookline.deliverer.log.RetryingProducer;
import io.hookline.deliverer.request.RequestFactory;
import io.hookline.deliverer.retry.RetryRules;
import io.hookline.deliverer.signing.Signer;
import io.hookline.deliverer.state.KafkaWebhookGate;
import io.hookline.deliverer.state.WebhookView;
import io.hookline.deliverer.tracing.AttemptTracing;
import io.hookline.schemas.crypto.SecretCipher;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.TopicCreator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
    private static final String CLIENT_ID = "hookline-deliverer";

    private final KafkaConnection kafka;
    private final DeliveryProperties properties;
    private final HttpSender sender;
    private final SecretCipher cipher;
    private final Clock clock;
    private final HealthProperties healthProperties;
    private final MeterRegistry meters;
    private final AttemptTracing tracing;
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

    public DelivererLifecycle(KafkaConnection kafka, DeliveryProperties properties, HttpSender sender, SecretCipher cipher, Clock clock) {
        this(kafka, properties, HealthProperties.defaults(), sender, cipher, clock, new SimpleMeterRegistry());
    }

    public DelivererLifecycle(KafkaConnection kafka, DeliveryProperties properties, HealthProperties healthProperties,
                              HttpSender sender, SecretCipher cipher, Clock clock, MeterRegistry meters) {
        this(kafka, properties, healthProperties, sender, cipher, clock, meters, AttemptTracing.OFF);
    }

    /** @param tracing each attempt's span and the trace context its request carries (see the tracing package) */
    public DelivererLifecycle(KafkaConnection kafka, DeliveryProperties properties, HealthProperties healthProperties,
                              HttpSender sender, SecretCipher cipher, Clock clock, MeterRegistry meters, AttemptTracing tracing) {
        this.tracing = tracing;
        this.healthProperties = healthProperties;
        this.meters = meters;
        DelivererGauges.register(meters, this::gaugeSource);
        this.kafka = kafka;
        this.properties = properties;
        this.sender = sender;
        this.cipher = cipher;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (loop != null) {
            return;
        }
        try (Admin admin = Admin.create(kafka.admin())) {
            TopicCreator.ensureTopics(admin, kafka.replicationFactor());
        }
        producer = new KafkaProducer<>(kafka.producer(CLIENT_ID), new StringSerializer(), new ByteArraySerializer());
        recordThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hookline-deliverer-record");
            t.setDaemon(true);
            return t;
        });
        records = new RetryingProducer(producer, recordThread, Duration.ofSeconds(1));
        startWebhookView();
        endpointHealth = new EndpointHealth(clock, healthProperties.failureThreshold(), healthProperties.openFor(),
                healthProperties.disableAfter(), new KafkaCircuits(producer, recordThread, clock));
        DeliveryJob job = new DeliveryJob(new RequestFactory(new Signer(clock), cipher, properties.headerPrefix(), tracing),
                sender, new MeteredAttemptLog(new KafkaAttemptLog(records), meters), clock, new RetryRules(new SplittableRandom()::nextDouble),
                new KafkaRetryQueue(records), new KafkaWebhookGate(view, records, clock), endpointHealth);
        retryLoop = new RetryLoop(new KafkaConsumer<>(kafka.consumer(properties.consumerGroup() + "-retries"),
                new StringDeserializer(), new ByteArrayDeserializer()), records, clock, properties.maxBuffered() * 5,
                properties.maxWaitingRetriesPerWebhook(), properties.retryHorizon(), Duration.ofMillis(500));
        retryThread = new Thread(retryLoop, "hookline-deliverer-retries");
        retryThread.start();
        retryLaps = new RetryLaps(new KafkaConsumer<>(kafka.consumer(properties.consumerGroup() + "-retries-later"),
                new StringDeserializer(), new ByteArrayDeserializer()), records, clock, properties.retryHorizon(), Duration.ofMillis(500));
        lapsThread = new Thread(retryLaps, "hookline-deliverer-retries-later");
        lapsThread.start();
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.consumer(properties.consumerGroup()),
                new StringDeserializer(), new ByteArrayDeserializer());
        // used on the loop's thread only, when it takes a partition (see the dispatch package's docs)
        history = new DeliveryLogHistory(new KafkaConsumer<>(kafka.consumer(null), new StringDeserializer(), new ByteArrayDeserializer()),
                Duration.ofSeconds(60));
        // commits every 100 ms (of what is finished): the delivery log, not the offsets, is what keeps
        // finished deliveries from being sent again, but each commit is less of the log to read back
        loop = new ConsumerLoop(consumer, job::deliver, new KafkaRetryQueue(records), job, new DeadLetters(records), history,
                new ConsumerLoop.Limits(properties.maxInFlight(), properties.maxInFlightPerEndpoint(), properties.maxBuffered(),
                        properties.maxTeamShare()),
                clock, properties.timeout().plusSeconds(1), Duration.ofMillis(100));
        thread = new Thread(loop, "hookline-deliverer-loop");
        thread.start();
        log.info("Deliverer consuming as group {} ({} in flight at most, {} per endpoint, a team {} of them while others wait)",
                properties.consumerGroup(), properties.maxInFlight(), properties.maxInFlightPerEndpoint(), properties.maxTeamShare());
    }

    /** Reads hookline.webhooks to its end before any task is looked at, so that known webhooks are known. */
    private void startWebhookView() {
        view = new WebhookView(new KafkaConsumer<>(kafka.consumer(properties.consumerGroup() + "-webhooks"),
                new StringDeserializer(), new ByteArrayDeserializer()));
        viewThread = new Thread(view, "hookline-deliverer-webhooks");
        viewThread.setDaemon(true);
        viewThread.start();
        try {
            view.caughtUp().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading hookline.webhooks", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read hookline.webhooks within 60 s", e);
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
            retryThread.join(Duration.ofSeconds(15).toMillis());
            lapsThread.join(Duration.ofSeconds(15).toMillis());
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
