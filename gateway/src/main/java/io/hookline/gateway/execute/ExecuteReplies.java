package io.hookline.gateway.execute;

import io.hookline.gateway.kafka.TopicReader;
import io.hookline.schemas.avro.ExecuteResult;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topics;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The reply side of execute's request–reply over Kafka: reads every partition of the results topic
 * from its end (no group: each gateway instance sees every reply and completes the ones it waits
 * for) and completes the pending future of each reply's correlation id.
 */
public final class ExecuteReplies extends TopicReader<ExecuteResult> {

    private final Map<String, CompletableFuture<ExecuteResult>> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> assigned = new CompletableFuture<>();

    public ExecuteReplies(KafkaConnection connection, int phase) {
        super(connection, Topics.EXECUTE_RESULTS, "hookline-gateway-execute-results", true, phase);
    }

    /** Registers interest in a reply; call before publishing the request. */
    CompletableFuture<ExecuteResult> expect(String correlationId) {
        CompletableFuture<ExecuteResult> future = new CompletableFuture<>();
        pending.put(correlationId, future);
        future.whenComplete((result, error) -> pending.remove(correlationId));
        return future;
    }

    /**
     * Completes once the consumer is positioned at the end of every partition: a request sent after
     * that cannot have its reply skipped by the initial seek. Kafka may be unreachable at start-up, so
     * callers wait for this (bounded) instead of start-up blocking on it.
     */
    CompletableFuture<Void> ready() {
        return assigned.copy();
    }

    @Override
    protected void accept(ConsumerRecord<String, ExecuteResult> record) {
        CompletableFuture<ExecuteResult> future = record.key() == null ? null : pending.get(record.key());
        if (future != null && record.value() != null) {
            future.complete(record.value());
        }
    }

    @Override
    protected void onAssigned(KafkaConsumer<String, ExecuteResult> consumer) {
        assigned.complete(null);
    }

    @Override
    protected void onStopped(RuntimeException failure) {
        assigned.completeExceptionally(new IllegalStateException("execute results consumer stopped", failure));
    }
}
