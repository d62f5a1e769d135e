package io.hookline.gateway.owner;

import io.hookline.gateway.kafka.TopicReader;
import io.hookline.schemas.topics.KafkaConnection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The answers to this instance's commands of one kind: reads the kind's outcomes topic from its end (every
 * partition; only outcomes of commands sent from here are waited for) and hands each to the request waiting.
 */
public final class Outcomes<O> extends TopicReader<O> {

    private final OwnedKind<?, ?, O> kind;
    private final ConcurrentMap<String, CompletableFuture<O>> waiting = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> positioned = new CompletableFuture<>();

    public Outcomes(OwnedKind<?, ?, O> kind, KafkaConnection connection, int phase) {
        super(promptFetches(connection), kind.outcomes(), "hookline-gateway-" + kind.name() + "-outcomes", true, phase);
        this.kind = kind;
    }

    /**
     * A request waits on this reader: its fetches return as soon as an outcome is there, whatever the
     * installation tuned its consumers for (a larger fetch.min.bytes makes the broker hold every fetch).
     */
    public static KafkaConnection promptFetches(KafkaConnection connection) {
        Map<String, String> properties = new HashMap<>(connection.properties());
        properties.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "1");
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "500");
        return new KafkaConnection(connection.bootstrapServers(), properties, connection.replicationFactor());
    }

    /** Completes once the reader is positioned at the end: a command sent after that has its outcome seen. */
    CompletableFuture<Void> ready() {
        return positioned.copy();
    }

    /** The outcome of this command, once read; call before the command is sent. */
    CompletableFuture<O> expect(String commandId) {
        return waiting.computeIfAbsent(commandId, id -> new CompletableFuture<>());
    }

    /** No one waits for this outcome any more (answered, timed out or cancelled). */
    void forget(String commandId) {
        waiting.remove(commandId);
    }

    @Override
    protected void onAssigned(KafkaConsumer<String, O> consumer) {
        positioned.complete(null);
    }

    @Override
    protected void accept(ConsumerRecord<String, O> record) {
        if (record.value() != null) {
            CompletableFuture<O> waiter = waiting.remove(kind.outcomeCommandId(record.value()));
            if (waiter != null) {
                waiter.complete(record.value());
            }
        }
    }

    @Override
    protected void onStopped(RuntimeException failure) {
        if (failure != null) {
            positioned.completeExceptionally(failure);
        }
    }
}
