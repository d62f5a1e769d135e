package io.hookline.executor.kafka;

import io.hookline.executor.run.RequestRunner;
import io.hookline.kafka.consumer.PartitionOffsets;
import io.hookline.kafka.consumer.TrackedConsumer;
import io.hookline.schemas.avro.ExecuteRequest;
import io.hookline.schemas.avro.Execution;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.TopicCreator;
import io.hookline.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringSerializer;
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
    private volatile boolean running;
    private volatile KafkaConsumer<String, ExecuteRequest> consumer;
    private Thread thread;

    public ExecutorLoop(KafkaConnection connection, RequestRunner runner, ExecutorService workers, int poolSize) {
        this.connection = connection;
        this.runner = runner;
        this.workers = workers;
        this.poolSize = poolSize;
    }

    @Override
    public void start() {
        try (Admin admin = Admin.create(connection.admin())) {
            TopicCreator.ensureTopics(admin, connection.replicationFactor(), Duration.ofSeconds(30));
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
                Topics.EXECUTE_REQUESTS.keySerde().deserializer(), Topics.EXECUTE_REQUESTS.valueSerde().deserializer());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(replyProducerProperties(connection),
                     new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
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
                            .thenCompose(outcome -> publish(producer, outcome))
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

    /** A caller waits on every reply over HTTP: send at once instead of lingering for a batch. */
    private static Map<String, Object> replyProducerProperties(KafkaConnection connection) {
        Map<String, Object> props = new HashMap<>(connection.producer("hookline-executor"));
        props.put(org.apache.kafka.clients.producer.ProducerConfig.LINGER_MS_CONFIG, 0);
        props.putAll(connection.properties());
        return props;
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

    /** Sends the executions and the reply; completes when Kafka acknowledged all of them. */
    private static CompletableFuture<Void> publish(KafkaProducer<String, byte[]> producer, RequestRunner.Outcome outcome) {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (Execution execution : outcome.executions()) {
            acks.add(send(producer, new ProducerRecord<>(Topics.EXECUTION_LOG.name(), execution.getExecutionId(),
                    Topics.EXECUTION_LOG.valueSerde().serializer().serialize(Topics.EXECUTION_LOG.name(), execution))));
        }
        acks.add(send(producer, new ProducerRecord<>(Topics.EXECUTE_RESULTS.name(), outcome.result().getCorrelationId(),
                Topics.EXECUTE_RESULTS.valueSerde().serializer().serialize(Topics.EXECUTE_RESULTS.name(), outcome.result()))));
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
    }

    private static CompletableFuture<Void> send(KafkaProducer<String, byte[]> producer, ProducerRecord<String, byte[]> record) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        producer.send(record, (metadata, error) -> {
            if (error == null) {
                acked.complete(null);
            } else {
                acked.completeExceptionally(error);
            }
        });
        return acked;
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

    /** How many workers are running a request; the consumer thread waits on it when all are. */
    private static final class BusyWorkers {

        private int busy;

        synchronized int get() {
            return busy;
        }

        synchronized void taken() {
            busy++;
        }

        synchronized void freed() {
            busy--;
            notifyAll();
        }

        /** Returns when fewer than {@code limit} are busy, or after {@code atMost}, or on interrupt. */
        synchronized void awaitBelow(int limit, Duration atMost) {
            long deadline = System.nanoTime() + atMost.toNanos();
            try {
                for (long left = atMost.toNanos(); busy >= limit && left > 0; left = deadline - System.nanoTime()) {
                    wait(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
