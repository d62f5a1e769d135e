package io.hookline.gateway.deliverylog;

import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A Kafka Streams application inside the gateway whose only state is a global store built from
 * {@code hookline.delivery-log} by the {@link DeliveryIndex}: every gateway instance holds all of it,
 * persisted (RocksDB) under its state directory, caught up from its checkpoint after a restart and
 * rebuilt from the topic (through the same processor) when the directory is new. Global-only, so no
 * consumer group and no changelog topics.
 */
public final class DeliveryLogReader implements SmartLifecycle {

    static final String STORE = "gateway-delivery-log-index";
    private static final Logger log = LoggerFactory.getLogger(DeliveryLogReader.class);
    private static final java.time.Duration RETRY = java.time.Duration.ofSeconds(1);

    private final DeliveryIndex index;
    private final Properties config;
    private final int phase;
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private final Map<String, Object> adminConfig;
    private final Path layoutMarker;
    private volatile KafkaStreams streams;
    private volatile boolean running;
    private Thread launcher;

    public DeliveryLogReader(KafkaConnection connection, String applicationId, Path stateDir, int phase) {
        this.index = new DeliveryIndex(this::store);
        this.phase = phase;
        this.config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers());
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 0);
        // Nobody waits on the index record by record: fetch in batches of up to 50 ms instead of one
        // broker round trip per handful of attempts (under load this halves the log's fetch requests).
        config.put(StreamsConfig.globalConsumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), 64 * 1024);
        config.put(StreamsConfig.globalConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 50);
        config.putAll(connection.properties());
        this.adminConfig = connection.admin();
        this.layoutMarker = stateDir.resolve(applicationId + ".index-layout");
    }

    public DeliveryIndex index() {
        return index;
    }

    /** Completes once the index holds every attempt that was on the log when the gateway started. */
    public CompletableFuture<Void> caughtUp() {
        return caughtUp.copy();
    }

    /**
     * Returns at once: a thread of its own waits for the topic to exist (a fresh cluster gets it from
     * the gateway's topic creation, which runs concurrently) and then starts Streams, whose global
     * store initialization would otherwise fail, or block start-up while Kafka is unreachable.
     */
    @Override
    public void start() {
        running = true;
        launcher = new Thread(this::launch, "hookline-gateway-delivery-log-start");
        launcher.setDaemon(true);
        launcher.start();
    }

    private void launch() {
        try (Admin admin = Admin.create(adminConfig)) {
            while (running && !topicExists(admin)) {
                Thread.sleep(RETRY.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (this) {
            if (!running) {
                return;
            }
            StreamsBuilder builder = new StreamsBuilder();
            builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray())
                            .withLoggingDisabled(),
                    Topics.DELIVERY_LOG.name(), Consumed.with(Topics.DELIVERY_LOG.keySerde(), Serdes.ByteArray()),
                    () -> new Indexer(index));
            KafkaStreams app = new KafkaStreams(builder.build(), config);
            app.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.RUNNING && !caughtUp.isDone()) {
                    log.info("Delivery log index ready");
                    caughtUp.complete(null);
                } else if (now == KafkaStreams.State.ERROR) {
                    log.error("Delivery log index stopped; the delivery-log API and webhook stats are unavailable until restart");
                    caughtUp.completeExceptionally(new IllegalStateException("the delivery log index stopped"));
                }
            });
            rebuildIfOtherLayout(app);
            streams = app;
            app.start();
        }
    }

    /**
     * A store written with another key layout (an older gateway) is dropped, and Streams rebuilds it
     * from the topic: its checkpoint would otherwise resume after attempts missing the new keys.
     */
    private void rebuildIfOtherLayout(KafkaStreams app) {
        try {
            String layout = Files.exists(layoutMarker) ? Files.readString(layoutMarker).trim() : "";
            if (!layout.equals(DeliveryIndex.LAYOUT)) {
                log.info("Delivery log index has layout '{}', not '{}': rebuilding it from the topic", layout, DeliveryIndex.LAYOUT);
                app.cleanUp();
                Files.createDirectories(layoutMarker.getParent());
                Files.writeString(layoutMarker, DeliveryIndex.LAYOUT);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot check the delivery log index layout at " + layoutMarker, e);
        }
    }

    private boolean topicExists(Admin admin) {
        try {
            admin.describeTopics(List.of(Topics.DELIVERY_LOG.name())).allTopicNames().get(5, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            log.debug("Topic {} not available yet: {}", Topics.DELIVERY_LOG.name(), e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void stop() {
        running = false;
        if (launcher != null) {
            launcher.interrupt();
        }
        synchronized (this) {
            KafkaStreams app = streams;
            if (app != null) {
                app.close(java.time.Duration.ofSeconds(10));
                streams = null;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return phase;
    }

    private Optional<SortedKeyValues> store() {
        KafkaStreams app = streams;
        if (app == null || app.state() != KafkaStreams.State.RUNNING) {
            return Optional.empty();
        }
        try {
            ReadOnlyKeyValueStore<String, byte[]> store = app.store(StoreQueryParameters.fromNameAndType(STORE, QueryableStoreTypes.keyValueStore()));
            return Optional.of(new StreamsStores.ReadOnly(store));
        } catch (InvalidStateStoreException e) {
            return Optional.empty();
        }
    }

    /** Feeds every attempt on the log, in order, to the index (also while restoring after a restart). */
    private static final class Indexer implements Processor<String, byte[], Void, Void> {

        private final DeliveryIndex index;
        private SortedKeyValues store;

        Indexer(DeliveryIndex index) {
            this.index = index;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            KeyValueStore<String, byte[]> kv = context.getStateStore(STORE);
            this.store = new StreamsStores.Writable(kv);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            if (record.value() == null) {
                return;
            }
            try {
                index.apply(store, record.value());
            } catch (SerializationException e) {
                // someone else's record on our topic: it stays there, unindexed, and the index goes on
                log.warn("Not indexing an undecodable record of {} (key {}): {}", Topics.DELIVERY_LOG.name(), record.key(), e.getMessage());
            }
        }
    }
}
