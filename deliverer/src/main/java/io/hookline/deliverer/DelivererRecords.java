package io.hookline.deliverer;

import io.hookline.deliverer.log.RetryingProducer;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * One run's way of writing records: the producer of everything the deliverer writes, the thread on which
 * records the producer could not write are tried again (and circuits are written), and the retrying writer
 * itself. Opened on each start, because a Kafka producer cannot be reopened after it is closed.
 */
final class DelivererRecords implements AutoCloseable {

    /** How soon a record the producer could not write is tried again. */
    static final Duration RECORD_RETRY = Duration.ofSeconds(1);
    /** What closing leaves the producer to send what it still holds (the loops have committed by then). */
    static final Duration PRODUCER_CLOSE = Duration.ofSeconds(10);
    /** The record thread only hands records to the closed producer by then: a few seconds is plenty. */
    static final Duration RECORD_THREAD_STOP = Duration.ofSeconds(5);

    final KafkaProducer<String, byte[]> producer;
    final ScheduledExecutorService thread;
    final RetryingProducer records;

    private DelivererRecords(KafkaProducer<String, byte[]> producer, ScheduledExecutorService thread) {
        this.producer = producer;
        this.thread = thread;
        this.records = new RetryingProducer(producer, thread, RECORD_RETRY);
    }

    static DelivererRecords open(DelivererClients clients) {
        return new DelivererRecords(clients.producer(), Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hookline-deliverer-record");
            t.setDaemon(true);
            return t;
        }));
    }

    @Override
    public void close() {
        records.close();
        producer.close(PRODUCER_CLOSE);
        thread.shutdown();
        try {
            thread.awaitTermination(RECORD_THREAD_STOP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
