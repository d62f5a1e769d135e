package io.hookline.deliverer.dispatch;

import io.hookline.deliverer.log.RetryingProducer;
import io.hookline.kafka.consumer.PartitionOffsets;
import io.hookline.kafka.consumer.TrackedConsumer;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.topics.Topic;
import io.hookline.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Far-future retries going round {@code hookline.delivery-retries.later}: each record is taken one
 * horizon after it was written, and then moves to {@code hookline.delivery-retries} when it is due
 * within the horizon, or goes round again. Records of a partition are in write order, so only its
 * head is waited on: a partition whose head is not ready is paused and rewound to it until then.
 * Nothing is held in memory but what is being written, and offsets are committed as records move,
 * so a 24 h retry costs one write per horizon and no memory.
 */
public final class RetryLaps implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(RetryLaps.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Consumer<String, byte[]> consumer;
    private final RetryingProducer producer;
    private final Clock clock;
    private final Duration horizon;
    private final Map<TopicPartition, Instant> resumeAt = new HashMap<>();
    private final TrackedConsumer tracked;

    private volatile boolean running = true;

    public RetryLaps(Consumer<String, byte[]> consumer, RetryingProducer producer, Clock clock, Duration horizon, Duration commitInterval) {
        this.consumer = consumer;
        this.producer = producer;
        this.clock = clock;
        this.horizon = horizon;
        this.tracked = new TrackedConsumer(consumer, commitInterval, partitions -> partitions.forEach(resumeAt::remove));
    }

    @Override
    public void run() {
        try {
            tracked.subscribe(List.of(Topics.DELIVERY_RETRIES_LATER.name()));
            while (running) {
                resumeReady();
                Set<TopicPartition> waitingHead = new HashSet<>();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    accept(record, waitingHead);
                }
                tracked.runCompletions();
                tracked.commitIfDue();
            }
        } catch (Throwable e) {
            log.error("The later-retries loop stopped on an error; its retries are read again on restart", e);
        } finally {
            tracked.finish("later retries");
        }
    }

    public void stop() {
        running = false;
    }

    public int assignedPartitions() {
        return tracked.assignedPartitions();
    }

    private void accept(ConsumerRecord<String, byte[]> record, Set<TopicPartition> waitingHead) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (waitingHead.contains(partition)) {
            return; // behind a head that is not ready: read again from the head on resume
        }
        Instant now = clock.instant();
        Instant ready = Instant.ofEpochMilli(record.timestamp()).plus(horizon);
        if (ready.isAfter(now)) {
            waitingHead.add(partition);
            consumer.seek(partition, record.offset());
            consumer.pause(List.of(partition));
            resumeAt.put(partition, ready);
            return;
        }
        PartitionOffsets offsets = tracked.track(record);
        DeliveryTask task;
        try {
            task = Tasks.decode(record);
        } catch (RuntimeException e) {
            // only the deliverer writes this topic; a record it cannot read is skipped, loudly
            log.error("Record {}-{}@{} is not a delivery task; skipped: {}", record.topic(), record.partition(), record.offset(), e.toString());
            offsets.finish(record.offset());
            return;
        }
        Instant due = task.getNotBefore() == null ? Instant.EPOCH : task.getNotBefore();
        Topic<String, DeliveryTask> next = due.isAfter(now.plus(horizon)) ? Topics.DELIVERY_RETRIES_LATER : Topics.DELIVERY_RETRIES;
        byte[] value = next.valueSerde().serializer().serialize(next.name(), task);
        producer.send(new ProducerRecord<>(next.name(), task.getWebhookId(), value)).whenComplete((ok, failed) -> {
            if (failed == null) {
                tracked.complete(() -> offsets.finish(record.offset()));
            }
        });
    }

    private void resumeReady() {
        Instant now = clock.instant();
        resumeAt.entrySet().removeIf(e -> {
            if (e.getValue().isAfter(now)) {
                return false;
            }
            consumer.resume(List.of(e.getKey()));
            return true;
        });
    }
}
