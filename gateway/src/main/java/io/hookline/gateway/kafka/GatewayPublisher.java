package io.hookline.gateway.kafka;

import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topic;
import io.hookline.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The gateway's one producer, for every topic it writes. Sends are acknowledged by the cluster
 * (acks=all) before the returned {@link Mono} completes. Blocking is bounded ({@code max.block.ms}),
 * and the possibly blocking {@code send} call runs off the Netty event loop.
 */
public final class GatewayPublisher implements AutoCloseable {

    /** Defaults for an HTTP caller who is waiting; {@code hookline.kafka.properties.*} may override them. */
    static final Map<String, Object> BOUNDED_BLOCKING = Map.of(
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000,
            // every send answers an HTTP request that waits for it; records still batch while one is in flight
            ProducerConfig.LINGER_MS_CONFIG, 0);

    private final KafkaProducer<String, byte[]> producer;

    public GatewayPublisher(KafkaConnection connection) {
        this.producer = new KafkaProducer<>(producerProperties(connection), new StringSerializer(), new ByteArraySerializer());
    }

    /** The platform's producer settings, then ours for bounded blocking, then what configuration says. */
    static Map<String, Object> producerProperties(KafkaConnection connection) {
        Map<String, Object> props = new HashMap<>(connection.producer("hookline-gateway"));
        BOUNDED_BLOCKING.forEach((key, value) -> {
            if (!connection.properties().containsKey(key)) {
                props.put(key, value);
            }
        });
        return props;
    }

    /**
     * Sends one record and completes with its position once the cluster acknowledged it.
     *
     * @param partition the partition, or null for the key's default partition
     * @throws KafkaUnavailableException (as the Mono's error) when the cluster cannot take it in time
     */
    public <V> Mono<RecordMetadata> send(Topic<String, V> topic, Integer partition, String key, V value) {
        return sendAll(topic, partition, key, Collections.singletonList(value)).map(acked -> acked.get(0));
    }

    /**
     * Sends records of one key in order and completes with their positions once the cluster acknowledged
     * all of them; the first failure fails the whole (records sent before it may be written). One hop off
     * the event loop and one back for the lot, not two per record: an events batch is up to 1,000 of them.
     *
     * @param partition the partition, or null for the key's default partition
     * @throws KafkaUnavailableException (as the Mono's error) when the cluster cannot take them in time
     */
    public <V> Mono<List<RecordMetadata>> sendAll(Topic<String, V> topic, Integer partition, String key, List<V> values) {
        return sendAll(topic, partition, key, values, null);
    }

    /**
     * As {@link #sendAll(Topic, Integer, String, List)}, every record with these headers.
     *
     * @param headers the headers of each record, or null for none
     */
    public <V> Mono<List<RecordMetadata>> sendAll(Topic<String, V> topic, Integer partition, String key, List<V> values,
                                                  Iterable<Header> headers) {
        if (values.isEmpty()) {
            return Mono.just(List.of()); // nothing would ever acknowledge it
        }
        return Mono.<List<RecordMetadata>>create(sink -> {
                    RecordMetadata[] acked = new RecordMetadata[values.size()];
                    AtomicInteger waiting = new AtomicInteger(values.size());
                    for (int i = 0; i < values.size(); i++) {
                        int index = i;
                        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), values.get(i));
                        producer.send(new ProducerRecord<>(topic.name(), partition, key, bytes, headers), (metadata, error) -> {
                            if (error != null) {
                                sink.error(translate(topic, error)); // only the first error reaches the caller
                            } else {
                                acked[index] = metadata;
                                if (waiting.decrementAndGet() == 0) {
                                    sink.success(Arrays.asList(acked));
                                }
                            }
                        });
                    }
                })
                .onErrorMap(e -> !(e instanceof KafkaUnavailableException), e -> translate(topic, e))
                .subscribeOn(Schedulers.boundedElastic())
                // the callback runs on the producer's I/O thread: do the rest of the request elsewhere
                .publishOn(Schedulers.parallel());
    }

    /** Sends a record that could not be processed, unchanged, to a dead-letter topic with the reason in a header. */
    public Mono<RecordMetadata> deadLetter(Topic<String, byte[]> topic, String key, byte[] value, String reason) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic.name(), null, key, value);
        record.headers().add(Topics.DLQ_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        return Mono.<RecordMetadata>create(sink -> producer.send(record, (metadata, error) -> {
                    if (error != null) {
                        sink.error(translate(topic, error));
                    } else {
                        sink.success(metadata);
                    }
                }))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static RuntimeException translate(Topic<?, ?> topic, Throwable error) {
        if (error instanceof KafkaUnavailableException unavailable) {
            return unavailable;
        }
        // Timeouts (metadata, delivery) and broker-side retriable errors mean "not now"; anything
        // else (a record too large, a serializer bug) is ours and surfaces as a 500.
        if (error instanceof RetriableException || error instanceof org.apache.kafka.common.errors.TimeoutException) {
            return new KafkaUnavailableException("Kafka did not take the write to " + topic.name() + ": " + error.getMessage(), error);
        }
        return error instanceof RuntimeException runtime ? runtime : new IllegalStateException(error);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
