package io.hookline.schemas.topics;

import io.hookline.schemas.avro.AuditEntry;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.Doc;
import io.hookline.schemas.avro.DocCommand;
import io.hookline.schemas.avro.DocOutcome;
import io.hookline.schemas.avro.EndpointCircuit;
import io.hookline.schemas.avro.EventType;
import io.hookline.schemas.avro.ExecuteRequest;
import io.hookline.schemas.avro.ExecuteResult;
import io.hookline.schemas.avro.Execution;
import io.hookline.schemas.avro.IdempotentResponse;
import io.hookline.schemas.avro.TableRows;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.Event;
import io.hookline.schemas.avro.Principal;
import io.hookline.schemas.avro.PrincipalCommand;
import io.hookline.schemas.avro.PrincipalOutcome;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.avro.WebhookCommand;
import io.hookline.schemas.avro.WebhookOutcome;
import io.hookline.schemas.serde.AvroSerde;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topic catalog: every topic's name, partitions, cleanup policy, retention and serdes, in one
 * immutable place. Topics are created from it at start-up by {@link TopicCreator}.
 *
 * <p>{@code hookline.events} and {@code hookline.webhooks} must have the same partition count: the
 * router joins them partition by partition, events keyed by tenant and webhooks partitioned by
 * tenant (see {@link TenantPartitioner}).
 */
public final class Topics {

    /** Partitions of the topics that are joined or consumed in parallel. */
    public static final int PARTITIONS = 6;

    /** The header that carries why a record went to a dead-letter topic. */
    public static final String DLQ_REASON_HEADER = "hookline.dlq.reason";

    /** Records up to this size pass (events carry payloads up to the gateway's 10 MiB request limit). */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    /**
     * Values are raw bytes because producers may write an Avro {@link Event} ({@link #EVENT_VALUES})
     * or a JSON object; the router tells them apart.
     */
    public static final Topic<String, byte[]> EVENTS = new Topic<>("hookline.events", PARTITIONS,
            retained(Duration.ofDays(7)), Serdes.String(), Serdes.ByteArray());

    public static final Topic<String, byte[]> EVENTS_DLQ = new Topic<>("hookline.events.dlq", 1,
            retained(Duration.ofDays(30)), Serdes.String(), Serdes.ByteArray());

    public static final Topic<String, Webhook> WEBHOOKS = new Topic<>("hookline.webhooks", PARTITIONS,
            compacted(), Serdes.String(), AvroSerde.of(Webhook.class));

    /**
     * Every change to a webhook (the API's through any gateway, the deliverer's disables), applied by the gateway
     * instance that owns the partition, the one writer of that partition of {@link #WEBHOOKS}; keyed by
     * webhook id, partitioned by tenant id.
     */
    public static final Topic<String, WebhookCommand> WEBHOOK_COMMANDS = new Topic<>("hookline.webhook-commands", PARTITIONS,
            retained(Duration.ofDays(7)), Serdes.String(), AvroSerde.of(WebhookCommand.class));

    /**
     * What the owner of a commands partition did with each command ({@link WebhookOutcome}), for the gateway
     * that asked; keyed by command id, partitioned by tenant id. Only requests in flight read it: kept a day.
     */
    public static final Topic<String, WebhookOutcome> WEBHOOK_OUTCOMES = new Topic<>("hookline.webhook-outcomes", PARTITIONS,
            retained(Duration.ofDays(1)), Serdes.String(), AvroSerde.of(WebhookOutcome.class));

    /** Records of {@link #WEBHOOK_COMMANDS} that cannot be decoded, unchanged, with the reason in a header. */
    public static final Topic<String, byte[]> WEBHOOK_COMMANDS_DLQ = new Topic<>("hookline.webhook-commands.dlq", 1,
            retained(Duration.ofDays(30)), Serdes.String(), Serdes.ByteArray());

    /** Endpoint circuits as the deliverers change them, keyed by webhook id (see EndpointCircuit). */
    public static final Topic<String, EndpointCircuit> ENDPOINT_CIRCUITS = new Topic<>("hookline.endpoint-circuits", PARTITIONS,
            compacted(), Serdes.String(), AvroSerde.of(EndpointCircuit.class));

    public static final Topic<String, DeliveryTask> DELIVERIES = new Topic<>("hookline.deliveries", PARTITIONS,
            retained(Duration.ofDays(7)), Serdes.String(), AvroSerde.of(DeliveryTask.class));

    /** Records of {@link #DELIVERIES} that cannot be decoded, unchanged, with the reason in a header. */
    public static final Topic<String, byte[]> DELIVERIES_DLQ = new Topic<>("hookline.deliveries.dlq", 1,
            retained(Duration.ofDays(30)), Serdes.String(), Serdes.ByteArray());

    public static final Topic<String, DeliveryAttempt> DELIVERY_LOG = new Topic<>("hookline.delivery-log", PARTITIONS,
            retained(Duration.ofDays(30)), Serdes.String(), AvroSerde.of(DeliveryAttempt.class));

    public static final Topic<String, Principal> PRINCIPALS = new Topic<>("hookline.principals", 1,
            compacted(), Serdes.String(), AvroSerde.of(Principal.class));

    /**
     * Every change to a user (the API's through any gateway, the first owner's bootstrap, the CLI's), applied by
     * the one owner of its single partition, the one writer of {@link #PRINCIPALS}. One partition, as the
     * principals': an email is unique per team, and users are few and rarely changed.
     */
    public static final Topic<String, PrincipalCommand> PRINCIPAL_COMMANDS = new Topic<>("hookline.principal-commands", 1,
            retained(Duration.ofDays(7)), Serdes.String(), AvroSerde.of(PrincipalCommand.class));

    /** What the owner did with each {@link #PRINCIPAL_COMMANDS} record, for the side that asked; keyed by command id. */
    public static final Topic<String, PrincipalOutcome> PRINCIPAL_OUTCOMES = new Topic<>("hookline.principal-outcomes", 1,
            retained(Duration.ofDays(1)), Serdes.String(), AvroSerde.of(PrincipalOutcome.class));

    /** Records of {@link #PRINCIPAL_COMMANDS} and {@link #DOC_COMMANDS} that cannot be decoded or applied, with the reason in a header. */
    public static final Topic<String, byte[]> OWNED_COMMANDS_DLQ = new Topic<>("hookline.owned-commands.dlq", 1,
            retained(Duration.ofDays(30)), Serdes.String(), Serdes.ByteArray());

    /** How Avro events on {@link #EVENTS} are encoded. */
    public static final AvroSerde<Event> EVENT_VALUES = AvroSerde.of(Event.class);

    /** Deliveries waiting for a retry, keyed by webhook id; each carries {@code notBefore}. */
    public static final Topic<String, DeliveryTask> DELIVERY_RETRIES = new Topic<>("hookline.delivery-retries", PARTITIONS,
            retained(Duration.ofDays(7)), Serdes.String(), AvroSerde.of(DeliveryTask.class));

    /**
     * Retries due beyond the deliverer's horizon, keyed by webhook id: each record is read back one
     * horizon after it was written (records are in write order, so a consumer waits on the head
     * alone) and then moves to {@link #DELIVERY_RETRIES} when due within the horizon, or goes round
     * again. Far-future retries so take no memory and hold no offset back.
     */
    public static final Topic<String, DeliveryTask> DELIVERY_RETRIES_LATER = new Topic<>("hookline.delivery-retries.later", PARTITIONS,
            retained(Duration.ofDays(7)), Serdes.String(), AvroSerde.of(DeliveryTask.class));

    /** Custom event types, keyed by team id + '|' + type. */
    public static final Topic<String, EventType> EVENT_TYPES = new Topic<>("hookline.event-types", 1,
            compacted(), Serdes.String(), AvroSerde.of(EventType.class));

    /** First responses to POSTs with an Idempotency-Key, keyed by team id + '|' + key; kept 24 h and more. */
    public static final Topic<String, IdempotentResponse> IDEMPOTENCY = new Topic<>("hookline.idempotency", PARTITIONS,
            Map.of("cleanup.policy", "compact,delete", "retention.ms", Long.toString(Duration.ofDays(2).toMillis()),
                    "max.message.bytes", Integer.toString(MAX_MESSAGE_BYTES)),
            Serdes.String(), AvroSerde.of(IdempotentResponse.class));

    public static final Topic<String, Doc> DOCS = new Topic<>("hookline.docs", PARTITIONS,
            compacted(), Serdes.String(), AvroSerde.of(Doc.class));

    /**
     * Every change to a doc, applied by the gateway instance owning the doc's partition, the one writer of that
     * partition of {@link #DOCS}; keyed by doc id, on the partition the key gives in {@link #DOCS}.
     */
    public static final Topic<String, DocCommand> DOC_COMMANDS = new Topic<>("hookline.doc-commands", PARTITIONS,
            retained(Duration.ofDays(7)), Serdes.String(), AvroSerde.of(DocCommand.class));

    /** What the owner did with each {@link #DOC_COMMANDS} record; keyed by command id, on the command's partition. */
    public static final Topic<String, DocOutcome> DOC_OUTCOMES = new Topic<>("hookline.doc-outcomes", PARTITIONS,
            retained(Duration.ofDays(1)), Serdes.String(), AvroSerde.of(DocOutcome.class));

    public static final Topic<String, ExecuteRequest> EXECUTE_REQUESTS = new Topic<>("hookline.execute-requests", PARTITIONS,
            retained(Duration.ofHours(1)), Serdes.String(), AvroSerde.of(ExecuteRequest.class));

    public static final Topic<String, ExecuteResult> EXECUTE_RESULTS = new Topic<>("hookline.execute-results", PARTITIONS,
            retained(Duration.ofHours(1)), Serdes.String(), AvroSerde.of(ExecuteResult.class));

    public static final Topic<String, Execution> EXECUTION_LOG = new Topic<>("hookline.execution-log", PARTITIONS,
            retained(Duration.ofDays(30)), Serdes.String(), AvroSerde.of(Execution.class));

    /** Rows datasets wrote back, keyed by team id + '|' + table. */
    public static final Topic<String, TableRows> TABLE_ROWS = new Topic<>("hookline.table-rows", PARTITIONS,
            retained(Duration.ofDays(30)), Serdes.String(), AvroSerde.of(TableRows.class));

    /** How long the audit log keeps entries unless {@code hookline topics retention} says otherwise. */
    public static final Duration AUDIT_RETENTION = Duration.ofDays(365);

    /**
     * Who changed what, keyed by team id on the team's partition ({@link TenantPartitioner}), so a team's
     * entries are read from one partition. Retained, never compacted: every entry stays for the retention.
     */
    public static final Topic<String, AuditEntry> AUDIT_LOG = new Topic<>("hookline.audit-log", PARTITIONS,
            retained(AUDIT_RETENTION), Serdes.String(), AvroSerde.of(AuditEntry.class));

    private static final List<Topic<?, ?>> ALL = List.of(EVENTS, EVENTS_DLQ, WEBHOOKS, WEBHOOK_COMMANDS, WEBHOOK_OUTCOMES, WEBHOOK_COMMANDS_DLQ, ENDPOINT_CIRCUITS, DELIVERIES, DELIVERIES_DLQ,
            DELIVERY_RETRIES, DELIVERY_RETRIES_LATER, DELIVERY_LOG, PRINCIPALS, PRINCIPAL_COMMANDS, PRINCIPAL_OUTCOMES, OWNED_COMMANDS_DLQ, EVENT_TYPES,
            IDEMPOTENCY, DOCS, DOC_COMMANDS, DOC_OUTCOMES, EXECUTE_REQUESTS, EXECUTE_RESULTS,
            EXECUTION_LOG, TABLE_ROWS, AUDIT_LOG);

    private Topics() {
    }

    public static List<Topic<?, ?>> all() {
        return ALL;
    }

    private static Map<String, String> retained(Duration retention) {
        return Map.of("cleanup.policy", "delete",
                "retention.ms", Long.toString(retention.toMillis()),
                "max.message.bytes", Integer.toString(MAX_MESSAGE_BYTES));
    }

    private static Map<String, String> compacted() {
        return Map.of("cleanup.policy", "compact",
                "min.compaction.lag.ms", Long.toString(Duration.ofMinutes(1).toMillis()),
                "max.message.bytes", Integer.toString(MAX_MESSAGE_BYTES));
    }
}
