package io.hookline.executor.kafka;

import io.hookline.executor.run.RequestRunner;
import io.hookline.kafka.consumer.PartitionOffsets;
import io.hookline.kafka.consumer.TrackedConsumer;
import io.hookline.schemas.avro.ExecuteRequest;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.TopicCreator;
import io.hookline.schemas.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Consumes execute requests and runs each on the worker pool (one request's datasets in order, up to
 * pool-size requests at once), taking a new request as soon as a worker is free; records executions and
 * replies as each request finishes. Offsets are committed only below the oldest request whose replies
 * Kafka has not acknowledged yet ({@link TrackedConsumer}), so a crash re-runs a request rather than losing it.
 */
public final class ExecutorLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExecutorLoop.class);
    static final String GROUP = "hookline-executor";
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(200);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(50);
    /** How long stopping waits for the requests running to be answered. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final KafkaConnection connection;
    private final RequestRunner runner;
    private final ExecutorService workers;
    private final int poolSize;
    private final ReplyPublisher replies;
    private volatile boolean running;
    private volatile KafkaConsumer<String, ExecuteRequest> consumer;
    private Thread thread;

    /**
     * @param workers  runs the requests: fixed, never-expiring threads, as bwrap's --die-with-parent follows the thread that spawned it
     * @param poolSize how many requests run at once (and are read ahead at most)
     * @param replies  where executions and replies go
     */
    public ExecutorLoop(KafkaConnection connection, RequestRunner runner, ExecutorService workers, int poolSize, ReplyPublisher replies) {
        this.connection = connection;
        this.runner = runner;
        this.workers = workers;
        this.poolSize = poolSize;
        this.replies = replies;
    }

    @Override
    public void start() {
        try (Admin admin = Admin.create(connection.admin())) {
            TopicCreator.ensureTopics(admin, connection.replicationFactor());
        }
        running = true;
        thread = new Thread(this::run, "hookline-executor-consumer");
        thread.start();
    }

    private void run() {
        Map<String, Object> consumerProps = new HashMap<>(connection.consumer(GROUP));
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, poolSize);
        consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, "hookline-executor");
        AtomicInteger inFlight = new AtomicInteger();
        BusyWorkers busy = new BusyWorkers();
        try (KafkaConsumer<String, ExecuteRequest> c = new KafkaConsumer<>(consumerProps,
                Topics.EXECUTE_REQUESTS.keySerde().deserializer(), Topics.EXECUTE_REQUESTS.valueSerde().deserializer())) {
            consumer = c;
            // revoked partitions: their late answers are still sent, but no longer committed here
            TrackedConsumer tracked = new TrackedConsumer(c, COMMIT_INTERVAL, partitions -> { });
            tracked.subscribe(List.of(Topics.EXECUTE_REQUESTS.name()));
            while (running) {
                // pipelined: take new requests whenever a worker is free, not when a whole batch is done
                boolean full = busy.get() >= poolSize;
                tracked.pauseWhile(full);
                ConsumerRecords<String, ExecuteRequest> records;
                try {
                    // while full, poll only to stay in the group and wait for a worker, not for 50 ms of nothing
                    records = c.poll(full ? Duration.ZERO : POLL_TIMEOUT);
                    if (full) {
                        busy.awaitBelow(poolSize, POLL_TIMEOUT);
                    }
                } catch (WakeupException e) {
                    break; // stop(): answer what is running, commit it, leave
                } catch (RecordDeserializationException e) {
                    log.error("Skipping unreadable execute request at {} offset {}", e.topicPartition(), e.offset(), e);
                    c.seek(e.topicPartition(), e.offset() + 1);
                    continue;
                }
                for (ConsumerRecord<String, ExecuteRequest> record : records) {
                    PartitionOffsets offsets = tracked.track(record);
                    inFlight.incrementAndGet();
                    busy.taken();
                    CompletableFuture.supplyAsync(() -> {
                        try {
                            return runSafely(record.value());
                        } finally {
                            busy.freed(); // the worker (and its sandbox) is free while the reply is sent
                        }
                    }, workers)
                            .thenCompose(replies::publish)
                            .whenComplete((done, error) -> {
                                if (error != null) {
                                    // not answered: left uncommitted, so the request runs again after a restart
                                    log.error("Replying to an execute request failed", error);
                                } else {
                                    tracked.complete(() -> offsets.finish(record.offset()));
                                }
                                inFlight.decrementAndGet();
                            });
                }
                tracked.runCompletions();
                tracked.commitIfDue();
            }
            awaitIdle(inFlight, tracked);
            tracked.runCompletions();
            tracked.commitNow();
        } catch (WakeupException e) {
            // woken while committing on stop: unanswered requests are re-read by the next executor
        } catch (RuntimeException e) {
            log.error("Executor consumer loop stopped", e);
        } finally {
            consumer = null;
        }
    }

    /** On stop, the requests already running are answered (bounded), so their offsets can be committed. */
    private static void awaitIdle(AtomicInteger inFlight, TrackedConsumer tracked) {
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                tracked.awaitCompletion(Duration.ofMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A request always gets a reply, so the caller is not left waiting for its timeout. */
    private RequestRunner.Outcome runSafely(ExecuteRequest request) {
        try {
            return runner.run(request);
        } catch (RuntimeException e) {
            log.error("Running the request for doc {} failed", request.getDocId(), e);
            return runner.failed(request, "The executor failed to run this request.");
        }
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, ExecuteRequest> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
