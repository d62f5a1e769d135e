package io.hookline.gateway.owner;

import io.hookline.gateway.kafka.GatewayAdmin;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.schemas.topics.KafkaConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
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
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final OwnedKind<C, S, O> kind;
    private final KafkaConnection connection;
    private final Map<String, Object> consumerProps;
    private final TopicView<S> view;
    private final GatewayAdmin admin;
    private final GatewayPublisher publisher;
    private final Duration applyTimeout;
    private final int phase;
    private final Restarts restarts;
    /** The partitions this instance owns now; touched on the consumer's thread only. */
    private final Map<Integer, OwnedPartition<S>> owned = new HashMap<>();
    private volatile boolean running;
    private volatile CountDownLatch stopped = new CountDownLatch(0);
    private volatile KafkaConsumer<String, byte[]> consumer;
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
        this.connection = connection;
        this.consumerProps = new HashMap<>(Outcomes.promptFetches(connection).consumer(group(kind)));
        this.consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, group(kind));
        this.consumerProps.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.view = view;
        this.admin = admin;
        this.publisher = publisher;
        this.applyTimeout = applyTimeout;
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
                    consume();
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

    /** One consumer's life: it ends with the loop's stop or an unexpected failure, and closes its producer with it. */
    private void consume() throws InterruptedException {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
                OwnerTransactions<C, S, O> transactions = new OwnerTransactions<>(kind, connection, group(kind), applyTimeout)) {
            consumer = c;
            if (!running) {
                return; // stopped before it could wake this consumer
            }
            c.subscribe(List.of(kind.commands().name()), new Ownership());
            while (running) {
                ConsumerRecords<String, byte[]> records = c.poll(POLL);
                boolean failed = false;
                for (TopicPartition partition : records.partitions()) {
                    OwnedPartition<S> state = owned.get(partition.partition());
                    List<ConsumerRecord<String, byte[]>> batch = records.records(partition);
                    if (state == null) {
                        continue; // revoked meanwhile: the next owner reads them from the committed offset
                    }
                    if (!state.caughtUp(admin, applyTimeout)) {
                        c.seek(partition, batch.get(0).offset());
                        failed = true;
                        continue;
                    }
                    for (ConsumerRecord<String, byte[]> record : batch) {
                        restarts.attempting(record);
                        boolean done = apply(c, transactions, state, record);
                        restarts.attempting(null);
                        if (!done) {
                            c.seek(partition, record.offset()); // again, in order, after a pause
                            failed = true;
                            break;
                        }
                    }
                }
                if (failed && paused(RETRY)) { // a back-off while Kafka is unavailable, not a synchronization
                    return;
                }
            }
        } finally {
            consumer = null;
            owned.clear();
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

    /** Whether the record is done with (applied, or dead-lettered); false to try it again later. */
    private boolean apply(KafkaConsumer<String, byte[]> c, OwnerTransactions<C, S, O> transactions, OwnedPartition<S> state,
            ConsumerRecord<String, byte[]> record) {
        Optional<String> poisoned = restarts.poisoned(record);
        if (poisoned.isPresent()) {
            return deadLetter(c, record, poisoned.get());
        }
        C command;
        try {
            command = kind.commands().valueSerde().deserializer().deserialize(record.topic(), record.value());
            if (command == null) {
                throw new IllegalArgumentException("empty record");
            }
        } catch (RuntimeException e) {
            return deadLetter(c, record, "not a " + kind.name() + " command: " + e.getMessage());
        }
        if (kind.partition(command) != record.partition()) {
            // applying it would write a partition of the state topic another instance may own
            return deadLetter(c, record, "not on its partition " + kind.partition(command));
        }
        Decision<S> decision;
        try {
            decision = kind.apply(command, state);
        } catch (RuntimeException e) { // a command this build cannot apply (fields missing): never blocks the partition
            return deadLetter(c, record, "cannot apply: " + e);
        }
        try {
            transactions.commit(c, record, command, decision);
        } catch (RuntimeException e) {
            log.warn("Could not apply {} command {} now, trying again: {}", kind.name(), kind.commandId(command), e.toString());
            return false;
        }
        restarts.done(record); // committed: not read again, whatever fails after this
        if (decision instanceof Decision.Written<S> written) {
            state.wrote(kind.key(command), written.after());
        }
        kind.applied(command, decision, () -> running);
        log.info("{} {}: {}: {}", kind.name(), kind.key(command), kind.describe(command), decision.getClass().getSimpleName());
        return true;
    }

    private boolean deadLetter(KafkaConsumer<String, byte[]> c, ConsumerRecord<String, byte[]> record, String reason) {
        try {
            publisher.deadLetter(kind.deadLetters(), record.key(), record.value(), reason).block(applyTimeout);
            log.error("{} command {}-{}@{} sent to {}: {}", kind.name(), record.topic(), record.partition(), record.offset(),
                    kind.deadLetters().name(), reason);
            c.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1)),
                    applyTimeout);
            restarts.done(record);
            return true;
        } catch (RuntimeException e) {
            log.warn("Could not dead-letter {} command {}-{}@{} now, trying again: {}", kind.name(), record.topic(), record.partition(),
                    record.offset(), e.toString());
            return false;
        }
    }

    /** Keeps {@link #owned} to the consumer's assignment: a partition taken anew starts from the topic's state again. */
    private final class Ownership implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            partitions.forEach(p -> owned.put(p.partition(), new OwnedPartition<>(kind, p.partition(), view)));
            restarts.resumed(); // a member of the group again
            log.info("Applying the {} commands of partitions {}", kind.name(), partitions.stream().map(TopicPartition::partition).sorted().toList());
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(p -> owned.remove(p.partition()));
        }
    }

    @Override
    public void stop() {
        running = false;
        stopped.countDown();
        KafkaConsumer<String, byte[]> c = consumer;
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
