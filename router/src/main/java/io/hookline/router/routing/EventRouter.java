package io.hookline.router.routing;

import io.hookline.router.errors.DeadLetters;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.filter.EventFilter;
import io.hookline.schemas.trace.TraceContext;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Routes each event to its tenant's webhooks: one delivery task per routable webhook that subscribes
 * to the event's type, existed when the event was written and whose payload filter, if any, passes it. The tenant's webhooks are read with a
 * prefix scan of the co-partitioned routing store, so a tenant with thousands of webhooks costs one
 * range read and no per-tenant aggregate. Records that are not events go to the dead-letter topic;
 * no exception about a record escapes.
 */
final class EventRouter implements Processor<String, byte[], String, Object> {

    private static final Logger log = LoggerFactory.getLogger(EventRouter.class);
    private static final StringSerializer KEYS = new StringSerializer();

    private final EventParser parser = new EventParser();
    private final DeliveryTasks tasks;

    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, Webhook> webhooks;
    private SeenEvents seen;
    private final TenantWebhooks.PerTask caches;
    private TenantWebhooks tenantWebhooks;

    EventRouter(DeliveryTasks tasks, TenantWebhooks.PerTask caches) {
        this.tasks = tasks;
        this.caches = caches;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.webhooks = context.getStateStore(RouterTopology.WEBHOOKS_STORE);
        this.tenantWebhooks = caches.of(context.taskId());
        this.seen = new SeenEvents(context.getStateStore(RouterTopology.SEEN_EVENTS_STORE));
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata where = context.recordMetadata().orElseThrow();
        try {
            ParsedEvent parsed = parser.parse(record.key(), record.value(), record.timestamp(),
                    where.topic(), where.partition(), where.offset());
            if (parsed instanceof ParsedEvent.Accepted accepted) {
                route(record, accepted.event(), where.offset());
            } else if (parsed instanceof ParsedEvent.Rejected rejected) {
                deadLetter(record, where, rejected.reason());
            }
        } catch (StreamsException e) {
            throw e; // Streams' own (task migrated, store closed…): it must handle those itself
        } catch (RuntimeException e) {
            log.error("Unexpected error routing the record at {}-{}@{}", where.topic(), where.partition(), where.offset(), e);
            deadLetter(record, where, "the router failed on this record: " + e);
        }
    }

    private void route(Record<String, byte[]> record, IncomingEvent event, long offset) {
        SeenEvents.Sighting sighting = seen.look(event.tenantId(), event.id(), record.timestamp(), offset);
        if (sighting == SeenEvents.Sighting.REPEAT) {
            log.debug("Event {} of tenant {} was routed less than {} ago; not routing it again",
                    event.id(), event.tenantId(), SeenEvents.WINDOW);
            return;
        }
        Instant writtenAt = Instant.ofEpochMilli(record.timestamp());
        String prefix = WebhookIndexer.tenantPrefix(event.tenantId());
        int routed = 0;
        List<TenantWebhooks.Entry> candidates = tenantWebhooks.of(event.tenantId(), tenant -> {
            try (KeyValueIterator<String, Webhook> scan = webhooks.prefixScan(prefix, KEYS)) {
                return TenantWebhooks.collect(scan, prefix);
            }
        });
        Supplier<JsonNode> data = new ParsedOnce(event.data());
        // the trace goes into each task, not onto its record: see the package docs
        TraceContext trace = TraceContext.of(record.headers()).orElse(null);
        for (TenantWebhooks.Entry candidate : candidates) {
            Webhook webhook = candidate.webhook();
            // the prefix alone would also match a tenant whose id starts with this tenant's id and "|"
            if (!event.tenantId().equals(webhook.getTenantId()) || !DeliveryTasks.receives(webhook, event, writtenAt)
                    || !candidate.filter().passes(event, data)) {
                continue;
            }
            context.forward(new Record<>(candidate.webhookId(), tasks.firstAttempt(event, webhook, writtenAt, trace),
                    record.timestamp(), new RecordHeaders()), RouterTopology.DELIVERIES_SINK);
            routed++;
        }
        if (sighting == SeenEvents.Sighting.NEW) {
            seen.remember(event.tenantId(), event.id(), record.timestamp(), offset, context.currentStreamTimeMs());
        }
        log.debug("Event {} ({}) of tenant {} routed to {} webhooks", event.id(), event.type(), event.tenantId(), routed);
    }

    /** The event's data parsed on first use: most webhooks have no filter, and then it is never parsed. */
    private static final class ParsedOnce implements Supplier<JsonNode> {

        private final String json;
        private JsonNode parsed;

        ParsedOnce(String json) {
            this.json = json;
        }

        @Override
        public JsonNode get() {
            if (parsed == null) {
                parsed = EventFilter.parseJson(json);
            }
            return parsed;
        }
    }

    @Override
    public void close() {
        caches.release(context.taskId(), tenantWebhooks);
    }

    private void deadLetter(Record<String, byte[]> record, RecordMetadata where, String reason) {
        log.warn("Dead-lettering the record at {}-{}@{}: {}", where.topic(), where.partition(), where.offset(), reason);
        context.forward(record.withHeaders(DeadLetters.withReason(record.headers(), reason)), RouterTopology.DEAD_LETTER_SINK);
    }
}
