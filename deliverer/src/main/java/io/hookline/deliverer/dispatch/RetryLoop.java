package io.hookline.deliverer.dispatch;

import io.hookline.deliverer.log.RetryingProducer;
import io.hookline.kafka.consumer.PartitionOffsets;
import io.hookline.kafka.consumer.TrackedConsumer;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.states.Ordering;
import io.hookline.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry path: reads waiting retries from {@code hookline.delivery-retries} into a timer store
 * ({@link DueTasks}) and, once each is due, puts it back on {@code hookline.deliveries}, where the
 * consumer loop delivers it like any task. Nothing sleeps: the thread polls briefly and re-queues
 * what is due. An offset is committed only once its task is re-queued, so waiting retries survive
 * restarts (a restart may re-queue a retry twice; it keeps its delivery id).
 *
 * <p>Memory holds only retries due within the horizon, and at most {@code maxWaitingPerWebhook}
 * of any one webhook: a retry due later, or beyond its webhook's share, goes round
 * {@code hookline.delivery-retries.later} ({@link RetryLaps}) instead, its offset finished here.
 * So a far-future retry pins neither memory nor this topic's committed offset for longer than the
 * horizon, and one webhook's flood of retries cannot fill the memory every webhook shares.
 * FIFO webhooks' tasks stay here whatever their due time: they must come back in the order they
 * were written, which two paths of different speeds would not keep (a FIFO webhook has one
 * delivery retrying at a time, with what waits behind it; the global bound still holds).
 */
public final class RetryLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(RetryLoop.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Consumer<String, byte[]> consumer;
    private final RetryingProducer producer;
    private final Clock clock;
    private final int maxWaiting;
    private final int maxWaitingPerWebhook;
    private final Duration horizon;
    private final DueTasks waiting = new DueTasks();
    private final TrackedConsumer tracked;

    private volatile boolean running = true;
    private volatile int waitingCount;

    /**
     * @param maxWaiting           retries in memory above which the retry topic pauses
     * @param maxWaitingPerWebhook retries of one webhook in memory above which its next ones go round the later topic
     * @param horizon              retries due further ahead than this go round the later topic
     */
    public RetryLoop(Consumer<String, byte[]> consumer, RetryingProducer producer, Clock clock, int maxWaiting,
                     int maxWaitingPerWebhook, Duration horizon, Duration commitInterval) {
        this.consumer = consumer;
        this.producer = producer;
        this.clock = clock;
        this.maxWaiting = maxWaiting;
        this.maxWaitingPerWebhook = maxWaitingPerWebhook;
        this.horizon = horizon;
        this.tracked = new TrackedConsumer(consumer, commitInterval, waiting::drop);
    }

    @Override
    public void run() {
        try {
            tracked.subscribe(List.of(Topics.DELIVERY_RETRIES.name()));
            while (running) {
                applyBackpressure();
                consumer.poll(POLL).forEach(this::accept);
                requeueDue();
                tracked.runCompletions();
                waitingCount = waiting.size();
                tracked.commitIfDue();
            }
        } catch (Throwable e) {
            log.error("The retry loop stopped on an error; waiting retries are read again on restart", e);
        } finally {
            tracked.finish("waiting retries");
        }
    }

    public void stop() {
        running = false;
    }

    /** Retries read and waiting for their time. */
    public int waiting() {
        return waitingCount;
    }

    public int assignedPartitions() {
        return tracked.assignedPartitions();
    }

    private void accept(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
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
        boolean later = due.isAfter(clock.instant().plus(horizon)) || waiting.waitingFor(task.getWebhookId()) >= maxWaitingPerWebhook;
        if (later && !Ordering.FIFO.is(task.getOrdering())) {
            String topic = Topics.DELIVERY_RETRIES_LATER.name();
            byte[] value = Topics.DELIVERY_RETRIES_LATER.valueSerde().serializer().serialize(topic, task);
            producer.send(new ProducerRecord<>(topic, task.getWebhookId(), value)).whenComplete((ok, failed) -> {
                if (failed == null) {
                    tracked.complete(() -> offsets.finish(record.offset()));
                }
            });
            return;
        }
        waiting.add(new DueTasks.Waiting(partition, record.offset(), offsets, task, due));
    }

    private void requeueDue() {
        for (DueTasks.Waiting due : waiting.takeDue(clock.instant())) {
            String topic = Topics.DELIVERIES.name();
            byte[] value = Topics.DELIVERIES.valueSerde().serializer().serialize(topic, due.task());
            producer.send(new ProducerRecord<>(topic, due.task().getWebhookId(), value)).whenComplete((ok, failed) -> {
                if (failed == null) {
                    tracked.complete(() -> due.offsets().finish(due.offset()));
                }
            });
        }
    }

    private void applyBackpressure() {
        if (tracked.pauseWhile(waiting.size() >= maxWaiting)) {
            log.warn("{} retries waiting in memory; pausing the retry topic until fewer", waiting.size());
        }
    }
}
