package io.hookline.deliverer.dispatch;

import io.hookline.deliverer.delivery.DeliveryJob;
import io.hookline.deliverer.delivery.PendingLog;
import io.hookline.deliverer.delivery.RetryQueue;
import io.hookline.kafka.consumer.PartitionOffsets;
import io.hookline.kafka.consumer.TrackedConsumer;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.states.Ordering;
import io.hookline.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliverer's consumer thread: polls {@code hookline.deliveries}, hands tasks to the
 * {@link Dispatcher} (never waiting for one), finishes offsets as attempts are recorded, commits
 * the lowest unfinished offset per partition, and pauses its partitions while too much is buffered
 * (polling on, so the group membership stays alive). Only this thread touches the consumer and its
 * {@link TrackedConsumer}; other threads hand it completions through its queue. A FIFO webhook held
 * behind a retry has its later tasks parked in the retry topic ({@link #park}), which finishes
 * their offsets here. A task whose attempt is already on the delivery log ({@link Finished}) is
 * not sent again: its offset finishes at once. A task that cannot start at once is recorded as
 * pending ({@link PendingLog}) with why, once per wait ({@link Waits}).
 */
public final class ConsumerLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Consumer<String, byte[]> consumer;
    private final DeadLetters deadLetters;
    private final Dispatcher<Work> dispatcher;
    private final RetryQueue parked;
    private final int maxBuffered;
    private final Duration stopGrace;
    private final TrackedConsumer tracked;
    private final Finished finished;

    private volatile boolean running = true;
    private volatile boolean polling;
    private volatile Throwable failure;
    private volatile long lag;
    private final LongAdder skippedAsFinished = new LongAdder();
    private long lagMeasuredAt;

    /**
     * @param job       delivers one task; its stage completes once the attempt is recorded, with the
     *                  attempt (null when none was made) and the time until which the task's (FIFO)
     *                  webhook is held behind it, or null
     * @param parked    where the tasks of a held webhook wait: the retry topic
     * @param pending   where tasks that wait before their attempt are recorded as pending
     * @param history   where the attempts recorded before this instance took a partition are read from
     * @param stopGrace how long stopping waits for attempts in flight to be recorded
     */
    public ConsumerLoop(Consumer<String, byte[]> consumer, Function<DeliveryTask, CompletionStage<DeliveryJob.Result>> job,
                        RetryQueue parked, PendingLog pending, DeadLetters deadLetters, AttemptHistory history, Limits limits, Clock clock,
                        Duration stopGrace, Duration commitInterval) {
        this.consumer = consumer;
        this.finished = new Finished(history, clock, Finished.PER_PARTITION);
        this.parked = parked;
        this.deadLetters = deadLetters;
        this.maxBuffered = limits.maxBuffered();
        this.stopGrace = stopGrace;
        this.tracked = new TrackedConsumer(consumer, commitInterval, this::forget);
        this.dispatcher = new Dispatcher<>(limits.dispatcher(),
                work -> start(job, work),
                (work, failed) -> tracked.complete(() -> finished(work, failed)),
                work -> lane(work.task()), work -> work.task().getTenantId(), new Holds(),
                (work, why) -> recordPending(pending, work, why), System::nanoTime, clock);
    }

    /**
     * Sends the task unless its attempt is recorded or running already (then it finishes at once, attempting nothing).
     * The endpoint's slot is free when the job says what follows (a hold, or none); the task is finished, and its
     * offset may be committed, once what it led to is recorded.
     */
    private CompletionStage<Object> start(Function<DeliveryTask, CompletionStage<DeliveryJob.Result>> job, Work work) {
        DeliveryTask task = work.task();
        if (!work.finished().start(task)) {
            skippedAsFinished.increment();
            return CompletableFuture.completedFuture(null);
        }
        CompletionStage<DeliveryJob.Result> attempted;
        try {
            attempted = job.apply(task);
        } catch (RuntimeException e) {
            work.finished().end(task, false); // or its later copies would wait for an attempt that never runs
            throw e;
        }
        return attempted.whenComplete((result, failed) -> {
            if (failed != null) {
                work.finished().end(task, false);
            }
        }).thenApply(result -> new Dispatcher.Released(result.holdUntil(),
                result.recorded().whenComplete((ok, failed) -> work.finished().end(task, failed == null && result.attempt() != null))));
    }

    /**
     * The dispatcher's bounds.
     *
     * @param maxTeamShare the share of the global slots one team may hold while another waits, and of
     *                     the buffer it may fill; 1 switches per-team bounds off
     */
    public record Limits(int maxInFlight, int maxInFlightPerEndpoint, int maxBuffered, double maxTeamShare) {

        Dispatcher.Limits dispatcher() {
            if (maxTeamShare >= 1) {
                return new Dispatcher.Limits(maxInFlight, maxInFlightPerEndpoint, maxInFlight, Integer.MAX_VALUE);
            }
            return new Dispatcher.Limits(maxInFlight, maxInFlightPerEndpoint, Math.max(1, (int) (maxInFlight * maxTeamShare)),
                    Math.max(1, (int) (maxBuffered * maxTeamShare)));
        }
    }

    @Override
    public void run() {
        try {
            tracked.subscribe(List.of(Topics.DELIVERIES.name()));
            polling = true;
            while (running) {
                applyBackpressure();
                consumer.poll(POLL).forEach(this::accept);
                tracked.runCompletions();
                dispatcher.tick();
                tracked.commitIfDue();
                measureLag();
            }
        } catch (Throwable e) {
            failure = e;
            log.error("The deliverer's consumer loop stopped on an error", e);
        } finally {
            polling = false;
            try {
                shutDown();
            } catch (RuntimeException e) {
                log.warn("The deliverer's consumer did not close cleanly; unfinished tasks will be read again", e);
            }
        }
    }

    /** Asks the loop to stop; {@link #run()} then finishes what is in flight (bounded) and commits. */
    public void stop() {
        running = false;
    }

    /** Whether the loop is polling: the deliverer's health. */
    public boolean isPolling() {
        return polling;
    }

    public Throwable failure() {
        return failure;
    }

    /** Tasks handed over and not finished: in flight plus queued. */
    public int buffered() {
        return dispatcher.buffered();
    }

    /** Attempts running now. */
    public int inFlight() {
        return dispatcher.inFlight();
    }

    /** Records of the assigned partitions not read yet, as the consumer last knew it. */
    public long lag() {
        return lag;
    }

    private void measureLag() {
        if (System.nanoTime() - lagMeasuredAt < TimeUnit.SECONDS.toNanos(1)) {
            return;
        }
        lagMeasuredAt = System.nanoTime();
        long total = 0;
        for (TopicPartition partition : consumer.assignment()) {
            total += consumer.currentLag(partition).orElse(0);
        }
        lag = total;
    }

    /** Tasks not sent because their attempt was already on the delivery log or running. */
    public long skippedAsFinished() {
        return skippedAsFinished.sum();
    }

    /** Whether consumption is paused because too much is buffered. */
    public boolean isPaused() {
        return tracked.isPaused();
    }

    /** Partitions assigned to this instance whose read position is known. */
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
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            log.warn("Record {}-{}@{} is not a delivery task; it goes to {}: {}", record.topic(), record.partition(),
                    record.offset(), DeadLetters.TOPIC.name(), reason);
            deadLetters.send(record, reason).whenComplete((ok, failed) -> tracked.complete(() -> {
                if (failed == null) {
                    offsets.finish(record.offset());
                }
            }));
            return;
        }
        FinishedDeliveries done = finished.of(record);
        if (done.covers(task)) {
            offsets.finish(record.offset());
            skippedAsFinished.increment();
            log.debug("Delivery {} attempt {} is already on the delivery log; not sent again", task.getDeliveryId(), task.getAttempt());
            return;
        }
        dispatcher.submit(task.getWebhookId(), new Work(partition, record.offset(), offsets, done, task));
    }

    /** Under the dispatcher's lock: a failure here must not leave it half-updated, and costs only the record. */
    private static void recordPending(PendingLog pending, Work work, Waits.Wait<Work> why) {
        try {
            pending.pending(work.task(), reason(why), why.expectedAt());
        } catch (RuntimeException e) {
            log.warn("Delivery {} could not be recorded as pending: {}", work.task().getDeliveryId(), e.toString());
        }
    }

    /** What the delivery log says of a wait (API.md lists these reasons). */
    static String reason(Waits.Wait<Work> why) {
        if (why instanceof Waits.RateLimited<Work> limited) {
            return "rate limited until " + limited.expectedAt().truncatedTo(ChronoUnit.MILLIS);
        }
        if (why instanceof Waits.Behind<Work> behind) {
            return "waiting behind " + behind.ahead().task().getDeliveryId() + " (fifo)";
        }
        return "waiting for a delivery slot";
    }

    static Dispatcher.Lane lane(DeliveryTask task) {
        Integer rate = task.getRateLimitPerSecond();
        return new Dispatcher.Lane(Ordering.FIFO.is(task.getOrdering()), rate == null ? 0 : rate);
    }

    /** Puts a held webhook's task in the retry topic behind the delivery it waits for; its offset finishes once written. */
    private void park(Work work, Instant until) {
        DeliveryTask task = DeliveryTask.newBuilder(work.task()).setNotBefore(until).build();
        parked.schedule(task).whenComplete((ok, failed) -> tracked.complete(() -> finished(work, failed)));
    }

    /** A FIFO webhook is held while its delivery waits in the retry topic; what comes back from there ends the hold. */
    private final class Holds implements Parking<Work> {

        @Override
        public Instant holdAfter(Work work, Object result) {
            return result instanceof Instant until ? until : null;
        }

        @Override
        public boolean releases(Work work, Instant until) {
            // the held delivery and those parked behind it carry notBefore = until (in millis, as Avro keeps it);
            // the first of them to come back is the held one, or the hold's delivery is gone: either way it ends
            Instant notBefore = work.task().getNotBefore();
            return notBefore != null && notBefore.toEpochMilli() >= until.toEpochMilli();
        }

        @Override
        public void park(Work work, Instant until) {
            // under the dispatcher's lock: queue it for this thread, which writes in the order parked
            tracked.complete(() -> ConsumerLoop.this.park(work, until));
        }
    }

    private void finished(Work work, Throwable failed) {
        if (failed == null) {
            work.offsets().finish(work.offset());
        } else {
            // not recorded (we are stopping): the offset stays unfinished and the task is read again
            log.warn("Attempt for {} was not recorded: {}", work.task().getDeliveryId(), failed.toString());
        }
    }

    private void applyBackpressure() {
        if (tracked.pauseWhile(dispatcher.buffered() >= maxBuffered)) {
            log.info("{} deliveries buffered; pausing consumption until fewer", dispatcher.buffered());
        }
    }

    private void shutDown() {
        // Queued tasks were not started: leave them to whoever reads these partitions next.
        int discarded = dispatcher.discardQueued(work -> true);
        long deadline = System.nanoTime() + stopGrace.toNanos();
        try {
            while (dispatcher.unfinished() > 0 && System.nanoTime() < deadline) {
                // short waits: the last slot is freed just after its completion is queued
                long wait = Math.min(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(50));
                tracked.awaitCompletion(Duration.ofNanos(wait));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tracked.runCompletions();
        log.info("Deliverer stopping: {} queued tasks left for re-reading, {} still in flight or being recorded", discarded,
                dispatcher.unfinished());
        tracked.finish("finished deliveries");
    }

    /** Revoked or lost partitions (their finished offsets are committed already): drop their queued tasks. */
    private void forget(Collection<TopicPartition> partitions) {
        finished.forget(partitions);
        int dropped = dispatcher.discardQueued(work -> partitions.contains(work.partition()));
        if (!partitions.isEmpty()) {
            log.info("Partitions {} revoked; {} queued tasks dropped (their new owner re-reads them)", partitions, dropped);
        }
    }
}
