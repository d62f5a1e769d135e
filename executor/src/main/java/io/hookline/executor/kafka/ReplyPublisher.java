package io.hookline.executor.kafka;

import io.hookline.executor.run.RequestRunner;
import io.hookline.schemas.avro.Execution;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes what a request produced: its executions to {@code hookline.execution-log} and its reply to
 * {@code hookline.execute-results}. One producer for the executor, closed with the context (after the
 * loop has stopped and its last replies were acknowledged).
 */
public final class ReplyPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    public ReplyPublisher(KafkaConnection connection) {
        this.producer = new KafkaProducer<>(producerProperties(connection), new StringSerializer(), new ByteArraySerializer());
    }

    /** A caller waits on every reply over HTTP: send at once instead of lingering for a batch. */
    private static Map<String, Object> producerProperties(KafkaConnection connection) {
        Map<String, Object> props = new HashMap<>(connection.producer("hookline-executor"));
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.putAll(connection.properties());
        return props;
    }

    /** Sends the executions and the reply; completes when Kafka acknowledged all of them. */
    CompletableFuture<Void> publish(RequestRunner.Outcome outcome) {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (Execution execution : outcome.executions()) {
            acks.add(send(new ProducerRecord<>(Topics.EXECUTION_LOG.name(), execution.getExecutionId(),
                    Topics.EXECUTION_LOG.valueSerde().serializer().serialize(Topics.EXECUTION_LOG.name(), execution))));
        }
        acks.add(send(new ProducerRecord<>(Topics.EXECUTE_RESULTS.name(), outcome.result().getCorrelationId(),
                Topics.EXECUTE_RESULTS.valueSerde().serializer().serialize(Topics.EXECUTE_RESULTS.name(), outcome.result()))));
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> send(ProducerRecord<String, byte[]> record) {
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
    public void close() {
        producer.close();
    }
}
