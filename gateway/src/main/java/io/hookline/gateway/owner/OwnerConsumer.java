package io.hookline.gateway.owner;

import io.hookline.gateway.kafka.GatewayAdmin;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.schemas.topics.KafkaConnection;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer's life in an {@link OwnerLoop}: a member of the kind's owners' group with its transactional
 * producer, applying the commands of the partitions it is assigned. It ends with the loop's stop, or with an
 * unexpected failure, thrown to the loop, which starts a fresh one: the two are closed first, so a stale
 * member cannot write, and what it had read of the partitions goes with it.
 */
final class OwnerConsumer<C, S, O> {

    private static final Logger log = LoggerFactory.getLogger(OwnerLoop.class); // the loop's log, as before the split
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(1);

    /** What every consumer of one loop shares. */
    record Setup<C, S, O>(OwnedKind<C, S, O> kind, KafkaConnection connection, Map<String, Object> consumerProps, TopicView<S> view,
            GatewayAdmin admin, GatewayPublisher publisher, Duration applyTimeout) {
    }

    /** The loop's wait, cut short by its stop: true once stopped. */
    interface Pause {
        boolean paused(Duration wait) throws InterruptedException;
    }

    private final OwnedKind<C, S, O> kind;
    private final Setup<C, S, O> setup;
    private final Restarts restarts;
    private final BooleanSupplier running;
    private final Pause pause;
    /** The partitions this consumer owns now; touched on its thread only. */
    private final Map<Integer, OwnedPartition<S>> owned = new HashMap<>();
    private volatile KafkaConsumer<String, byte[]> consumer;

    OwnerConsumer(Setup<C, S, O> setup, Restarts restarts, BooleanSupplier running, Pause pause) {
        this.kind = setup.kind();
        this.setup = setup;
        this.restarts = restarts;
        this.running = running;
        this.pause = pause;
    }

    /** Until the loop stops; throws an unexpected failure, with the consumer and the producer closed. */
    void run() throws InterruptedException {
        GatewayAdmin admin = setup.admin();
        Duration applyTimeout = setup.applyTimeout();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(setup.consumerProps(), new StringDeserializer(), new ByteArrayDeserializer());
                OwnerTransactions<C, S, O> transactions = new OwnerTransactions<>(kind, setup.connection(), OwnerLoop.group(kind), applyTimeout)) {
            consumer = c;
            if (!running.getAsBoolean()) {
                return; // stopped before it could wake this consumer
            }
            c.subscribe(List.of(kind.commands().name()), new Ownership());
            while (running.getAsBoolean()) {
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
                if (failed && pause.paused(RETRY)) { // a back-off while Kafka is unavailable, not a synchronization
                    return;
                }
            }
        } finally {
            consumer = null;
        }
    }

    /** Wakes the consumer up from its poll, for the loop's stop. */
    void wakeup() {
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
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
        } catch (KafkaException e) { // Kafka unavailable, fenced, timed out: aborted, tried again; anything else is the loop's failure
            log.warn("Could not apply {} command {} now, trying again: {}", kind.name(), kind.commandId(command), e.toString());
            return false;
        }
        restarts.done(record); // committed: not read again, whatever fails after this
        if (decision instanceof Decision.Written<S> written) {
            state.wrote(kind.key(command), written.after());
        }
        kind.applied(command, decision, running);
        log.info("{} {}: {}: {}", kind.name(), kind.key(command), kind.describe(command), decision.getClass().getSimpleName());
        return true;
    }

    private boolean deadLetter(KafkaConsumer<String, byte[]> c, ConsumerRecord<String, byte[]> record, String reason) {
        try {
            setup.publisher().deadLetter(kind.deadLetters(), record.key(), record.value(), reason).block(setup.applyTimeout());
            log.error("{} command {}-{}@{} sent to {}: {}", kind.name(), record.topic(), record.partition(), record.offset(),
                    kind.deadLetters().name(), reason);
            c.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1)),
                    setup.applyTimeout());
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
            partitions.forEach(p -> owned.put(p.partition(), new OwnedPartition<>(kind, p.partition(), setup.view())));
            restarts.resumed(); // a member of the group again
            log.info("Applying the {} commands of partitions {}", kind.name(), partitions.stream().map(TopicPartition::partition).sorted().toList());
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(p -> owned.remove(p.partition()));
        }
    }
}
