package io.hookline.deliverer.health;

import io.hookline.schemas.avro.CircuitState;
import io.hookline.schemas.avro.EndpointCircuit;
import io.hookline.schemas.topics.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executor;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each circuit change to {@code hookline.endpoint-circuits} (compacted, keyed by webhook
 * id), so that the console can say why a webhook's deliveries wait. Only changes are written, at
 * most one per open period of a failing endpoint; a lost write only leaves the console a step behind.
 * The health tells of a change inside its lock, on the delivery path, and a producer's send can block
 * (on metadata, or a full buffer), so the send happens on another thread.
 */
public final class KafkaCircuits implements EndpointHealth.Changes {

    private static final Logger log = LoggerFactory.getLogger(KafkaCircuits.class);

    private final Producer<String, byte[]> producer;
    private final Executor sends;
    private final Clock clock;

    public KafkaCircuits(Producer<String, byte[]> producer, Executor sends, Clock clock) {
        this.producer = producer;
        this.sends = sends;
        this.clock = clock;
    }

    @Override
    public void changed(String endpoint, boolean open, int consecutiveFailures, Instant failingSince, Instant openUntil) {
        EndpointCircuit circuit = new EndpointCircuit(endpoint, open ? CircuitState.OPEN : CircuitState.CLOSED, consecutiveFailures,
                failingSince, openUntil, clock.instant());
        String topic = Topics.ENDPOINT_CIRCUITS.name();
        byte[] value = Topics.ENDPOINT_CIRCUITS.valueSerde().serializer().serialize(topic, circuit);
        sends.execute(() -> producer.send(new ProducerRecord<>(topic, endpoint, value), (metadata, error) -> {
            if (error != null) {
                log.warn("Could not record the circuit of {} ({}): {}", endpoint, circuit.getState(), error.toString());
            }
        }));
    }
}
