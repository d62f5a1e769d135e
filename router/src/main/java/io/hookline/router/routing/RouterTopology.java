package io.hookline.router.routing;

import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.serde.AvroSerde;
import io.hookline.schemas.topics.Topics;
import java.time.Clock;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The router's Kafka Streams topology: {@code hookline.events} joined with the webhook state of
 * {@code hookline.webhooks}, giving one delivery task per matching webhook on {@code hookline.deliveries}
 * (keyed by webhook id) and dead letters on {@code hookline.events.dlq}.
 *
 * <p>Both input topics are partitioned by tenant (events by their key, webhooks explicitly, see
 * {@code TenantPartitioner}) and have the same partition count, and both processors share the routing
 * store, so they form one sub-topology: partition i of each lands in the same task, which holds
 * exactly the webhooks of the tenants whose events it sees. No repartition topic, no global table.
 *
 * <p>Tracing: an event's W3C {@code traceparent}/{@code tracestate} record headers are copied into
 * each of its delivery tasks' fields, not onto the tasks' records. Streams forwards the input's
 * headers only to records derived from the input record; each task is a record of its own (so a
 * producer's other headers do not leak onto deliveries), and the deliverer rewrites tasks on its
 * retry paths from their values. See {@code io.hookline.deliverer.tracing}.
 */
public final class RouterTopology {

    static final String WEBHOOKS_SOURCE = "webhooks";
    static final String EVENTS_SOURCE = "events";
    static final String WEBHOOK_INDEXER = "webhook-indexer";
    static final String EVENT_ROUTER = "event-router";
    static final String DELIVERIES_SINK = "deliveries";
    static final String DEAD_LETTER_SINK = "dead-letters";

    /** {@code tenant|webhookId} → webhook, routable webhooks only. */
    public static final String WEBHOOKS_STORE = "router-webhooks";
    /** {@code webhookId} → tenant of every webhook in {@link #WEBHOOKS_STORE}, for tombstones. */
    public static final String WEBHOOK_TENANTS_STORE = "router-webhook-tenants";
    /**
     * {@code tenant|eventId} at the time it was first routed → the offset of that record, for 24 h: a window
     * store (not the key-value stores {@code router-seen-events} and {@code router-seen-events-by-time} of
     * earlier versions, whose changelogs an upgraded router leaves unread; see {@code SeenEvents}).
     */
    public static final String SEEN_EVENTS_STORE = "router-seen-ids";

    /** Decoded webhooks kept in memory per task (about 1 KiB each); a tenant with more is scanned per event. */
    static final int CACHED_WEBHOOKS_PER_TASK = 5_000;

    private final Clock clock;

    /** @param clock stamps each task's {@code createdAt} */
    public RouterTopology(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Topology build() {
        DeliveryTasks tasks = new DeliveryTasks(clock);
        Topology topology = new Topology();
        topology.addSource(WEBHOOKS_SOURCE, Topics.WEBHOOKS.keySerde().deserializer(),
                Topics.WEBHOOKS.valueSerde().deserializer(), Topics.WEBHOOKS.name());
        topology.addSource(EVENTS_SOURCE, Topics.EVENTS.keySerde().deserializer(),
                Topics.EVENTS.valueSerde().deserializer(), Topics.EVENTS.name());
        TenantWebhooks.PerTask caches = new TenantWebhooks.PerTask(CACHED_WEBHOOKS_PER_TASK);
        topology.addProcessor(WEBHOOK_INDEXER, () -> new WebhookIndexer(caches), WEBHOOKS_SOURCE);
        topology.addProcessor(EVENT_ROUTER, () -> new EventRouter(tasks, caches), EVENTS_SOURCE);

        // Persistent and logged (the default): a restarted or moved task restores its webhooks from the
        // changelog. Caching off: every write reaches the changelog in order with the deliveries it
        // caused, and the stores are read far more than they are rewritten.
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WEBHOOKS_STORE),
                Serdes.String(), AvroSerde.of(Webhook.class)).withCachingDisabled(), WEBHOOK_INDEXER, EVENT_ROUTER);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WEBHOOK_TENANTS_STORE),
                Serdes.String(), Serdes.String()).withCachingDisabled(), WEBHOOK_INDEXER);
        topology.addStateStore(SeenEvents.storeBuilder().withCachingDisabled(), EVENT_ROUTER);

        topology.addSink(DELIVERIES_SINK, Topics.DELIVERIES.name(), Topics.DELIVERIES.keySerde().serializer(),
                Topics.DELIVERIES.valueSerde().serializer(), EVENT_ROUTER);
        topology.addSink(DEAD_LETTER_SINK, Topics.EVENTS_DLQ.name(), Topics.EVENTS_DLQ.keySerde().serializer(),
                Topics.EVENTS_DLQ.valueSerde().serializer(), EVENT_ROUTER);
        return topology;
    }
}
