package io.hookline.executor.kafka;

import io.hookline.executor.run.RequestRunner;
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
 * Consumes execute requests, runs each on the worker pool (one request's datasets in order, up to
 * pool-size requests at once), records executions and replies, then commits the batch. Offsets are
 * committed only after the replies are acknowledged, so a crash re-runs a request rather than losing it.
 */
public final class ExecutorLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExecutorLoop.class);
    static final String GROUP = "hookline-executor";

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
            TopicCreator.ensureTopics(admin, Duration.ofSeconds(30));
        }
        running = true;
        thread = new Thread(this::run, "hookline-executor-consumer");
        thread.start();
    }

    private void run() {
        Map<String, Object> consumerProps = new HashMap<>(connection.consumer(GROUP));
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, poolSize);
        consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, "hookline-executor");
        try (KafkaConsumer<String, ExecuteRequest> c = new KafkaConsumer<>(consumerProps,
                Topics.EXECUTE_REQUESTS.keySerde().deserializer(), Topics.EXECUTE_REQUESTS.valueSerde().deserializer());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(connection.producer("hookline-executor"),
                     new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            consumer = c;
            c.subscribe(List.of(Topics.EXECUTE_REQUESTS.name()));
            while (running) {
                ConsumerRecords<String, ExecuteRequest> records;
                try {
                    records = c.poll(Duration.ofMillis(500));
                } catch (RecordDeserializationException e) {
                    log.error("Skipping unreadable execute request at {} offset {}", e.topicPartition(), e.offset(), e);
                    c.seek(e.topicPartition(), e.offset() + 1);
                    continue;
                }
                if (records.isEmpty()) {
                    continue;
                }
                // each reply is sent as soon as its request is done, not behind slower ones of the batch
                List<CompletableFuture<Void>> replies = new ArrayList<>();
                for (ConsumerRecord<String, ExecuteRequest> record : records) {
                    replies.add(CompletableFuture.supplyAsync(() -> runSafely(record.value()), workers)
                            .thenAccept(outcome -> publish(producer, outcome)));
                }
                awaitAll(replies);
                producer.flush();
                // replies are acknowledged by now; an async commit lost in a crash only means a re-run
                c.commitAsync((offsets, error) -> {
                    if (error != null) {
                        log.warn("Committing execute requests failed (they may run again): {}", error.getMessage());
                    }
                });
            }
            c.commitSync();
        } catch (WakeupException e) {
            // stop() asked us to leave; uncommitted requests are re-read by the next executor
        } catch (RuntimeException e) {
            log.error("Executor consumer loop stopped", e);
        } finally {
            consumer = null;
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

    private static void awaitAll(List<CompletableFuture<Void>> replies) {
        try {
            CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        } catch (java.util.concurrent.ExecutionException e) {
            // runSafely never fails; a failed send is logged by the producer and the request re-read after a crash
            log.error("Replying to an execute request failed", e.getCause());
        }
    }

    private static void publish(KafkaProducer<String, byte[]> producer, RequestRunner.Outcome outcome) {
        for (Execution execution : outcome.executions()) {
            producer.send(new ProducerRecord<>(Topics.EXECUTION_LOG.name(), execution.getExecutionId(),
                    Topics.EXECUTION_LOG.valueSerde().serializer().serialize(Topics.EXECUTION_LOG.name(), execution)));
        }
        producer.send(new ProducerRecord<>(Topics.EXECUTE_RESULTS.name(), outcome.result().getCorrelationId(),
                Topics.EXECUTE_RESULTS.valueSerde().serializer().serialize(Topics.EXECUTE_RESULTS.name(), outcome.result())));
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
