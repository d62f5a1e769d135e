package io.hookline.deliverer.log;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes records until the broker acknowledges them. The producer already retries within its
 * delivery timeout; beyond that a record that must not be lost (an attempt, a dead letter) is
 * tried again after a pause rather than dropped, because its offset may not be committed before.
 * Futures complete on this class's own thread, never on the producer's I/O thread.
 */
public final class RetryingProducer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RetryingProducer.class);

    private final Producer<String, byte[]> producer;
    private final ScheduledExecutorService executor;
    private final Duration retryAfter;
    private volatile boolean closed;

    public RetryingProducer(Producer<String, byte[]> producer, ScheduledExecutorService executor, Duration retryAfter) {
        this.producer = producer;
        this.executor = executor;
        this.retryAfter = retryAfter;
    }

    /** Completes when the record is acknowledged; fails only when this producer is closed first. */
    public CompletableFuture<Void> send(ProducerRecord<String, byte[]> record) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        try {
            // send() may block (metadata, full buffer): keep that off the caller, often an HTTP event loop
            executor.execute(() -> attempt(record, acknowledged));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }

    private void attempt(ProducerRecord<String, byte[]> record, CompletableFuture<Void> acknowledged) {
        if (closed) {
            acknowledged.completeExceptionally(new IllegalStateException("producer closed before " + record.topic() + " acknowledged"));
            return;
        }
        try {
            producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    try {
                        executor.execute(() -> acknowledged.complete(null));
                    } catch (java.util.concurrent.RejectedExecutionException stopping) {
                        acknowledged.complete(null);
                    }
                } else {
                    retryLater(record, acknowledged, failure);
                }
            });
        } catch (RuntimeException failure) {
            retryLater(record, acknowledged, failure);
        }
    }

    private void retryLater(ProducerRecord<String, byte[]> record, CompletableFuture<Void> acknowledged, Exception failure) {
        if (closed) {
            acknowledged.completeExceptionally(failure);
            return;
        }
        log.warn("Writing to {} failed; trying again in {} ms: {}", record.topic(), retryAfter.toMillis(), failure.toString());
        try {
            executor.schedule(() -> attempt(record, acknowledged), retryAfter.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            acknowledged.completeExceptionally(failure);
        }
    }

    /** Stops retrying; records not yet acknowledged are left to be re-read from their source. */
    @Override
    public void close() {
        closed = true;
    }
}
