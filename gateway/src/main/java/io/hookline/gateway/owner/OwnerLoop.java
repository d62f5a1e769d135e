package io.hookline.gateway.owner;

import io.hookline.gateway.kafka.GatewayAdmin;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.schemas.topics.KafkaConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The owner's side of one {@link OwnedKind}: every instance that runs it joins one consumer group on the
 * kind's commands topic, so each partition has one owner at a time, the one writer of the same partition of
 * the state topic. It applies the partition's commands one at a time, in order, to the records as it holds
 * them ({@link OwnedPartition}), and writes each result, the outcome and the command's offset in one
 * transaction ({@link OwnerTransactions}). A command that cannot be applied now (Kafka unavailable) is tried
 * again, in order; one that cannot be read or applied goes to the kind's dead-letter topic with the reason.
 * Anything else that fails the loop closes its consumer and its producer (no zombie writes), and a fresh
 * consumer rejoins the group after a {@link Backoff}, reading on from the committed offset; a command that
 * fails it {@value Restarts#MAX_TRIES} times goes to the dead letters. Health shows the restart ({@link OwnersHealthIndicator}).
 */
public final class OwnerLoop<C, S, O> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OwnerLoop.class);

    private final OwnedKind<C, S, O> kind;
    private final OwnerConsumer.Setup<C, S, O> setup;
    private final int phase;
    private final Restarts restarts;
    private volatile boolean running;
    private volatile CountDownLatch stopped = new CountDownLatch(0);
    private volatile OwnerConsumer<C, S, O> current;
    private Thread thread;

    public OwnerLoop(OwnedKind<C, S, O> kind, KafkaConnection connection, TopicView<S> view, GatewayAdmin admin, GatewayPublisher publisher,
            Duration applyTimeout, int phase) {
        this(kind, connection, view, admin, publisher, applyTimeout, phase, backoff());
    }

    OwnerLoop(OwnedKind<C, S, O> kind, KafkaConnection connection, TopicView<S> view, GatewayAdmin admin, GatewayPublisher publisher,
            Duration applyTimeout, int phase, Backoff backoff) {
        if (kind.commands().partitions() != kind.states().partitions()) {
            throw new IllegalStateException(kind.name() + ": commands and states must have as many partitions: partition p of one is owned with p of the other");
        }
        this.kind = kind;
        Map<String, Object> consumerProps = new HashMap<>(Outcomes.promptFetches(connection).consumer(group(kind)));
        consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, group(kind));
        consumerProps.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.setup = new OwnerConsumer.Setup<>(kind, connection, consumerProps, view, admin, publisher, applyTimeout);
        this.phase = phase;
        this.restarts = new Restarts(backoff);
    }

    /** 1 s after a first failure, doubling up to 30 s, 1 s again after a minute without one. */
    static Backoff backoff() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(1));
    }

    /** The consumer group of the kind's owners: every gateway (and a CLI run) that may apply its commands. */
    public static String group(OwnedKind<?, ?, ?> kind) {
        return "hookline-gateway-" + kind.name() + "-commands";
    }

    @Override
    public void start() {
        stopped = new CountDownLatch(1);
        running = true;
        thread = new Thread(this::run, group(kind));
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                try {
                    current = new OwnerConsumer<>(setup, restarts, () -> running, this::paused);
                    current.run(); // checks running once its consumer can be woken up: a stop meanwhile is not missed
                } catch (RuntimeException e) {
                    if (!running) {
                        return; // woken up to stop
                    }
                    if (paused(failed(e))) {
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Duration failed(RuntimeException e) {
        String on = restarts.current();
        Duration wait = restarts.failed(e, Instant.now());
        log.error("The {} commands' consumer failed{}; a fresh one rejoins the group in {} ms", kind.name(), on, wait.toMillis(), e);
        return wait;
    }

    /** Waits, unless the loop is stopped meanwhile; true once stopped. */
    private boolean paused(Duration wait) throws InterruptedException {
        return stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS) || !running;
    }

    @Override
    public void stop() {
        running = false;
        stopped.countDown();
        OwnerConsumer<C, S, O> c = current;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    String kindName() {
        return kind.name();
    }

    /** Why the loop is restarting, while it is (from an unexpected failure until a fresh consumer is assigned). */
    Optional<String> restartingBecause() {
        return restarts.restartingBecause();
    }

    int restarts() {
        return restarts.count();
    }

    boolean threadAlive() {
        return thread != null && thread.isAlive();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return phase;
    }
}
