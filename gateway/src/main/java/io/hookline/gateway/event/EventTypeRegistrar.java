package io.hookline.gateway.event;

import com.networknt.schema.Schema;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.kafka.KafkaUnavailableException;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.ErrorCode;
import io.hookline.gateway.web.Problems;
import io.hookline.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v4/event-types}: checks a custom type (name, description, a valid JSON Schema, a sample
 * that satisfies it) and stores it for the caller's team on {@code hookline.event-types}. Registering
 * a custom type again replaces it; built-in types cannot be replaced.
 */
final class EventTypeRegistrar {

    static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");
    static final int MAX_TYPE = 100;
    static final int MAX_DESCRIPTION = 1000;
    private static final Set<String> FIELDS = Set.of("type", "description", "schema", "sample");

    private final EventTypes types;
    private final TopicView<io.hookline.schemas.avro.EventType> view;
    private final GatewayPublisher publisher;
    private final JsonMapper mapper;
    private final Clock clock;
    private final Duration writeTimeout;

    EventTypeRegistrar(EventTypes types, TopicView<io.hookline.schemas.avro.EventType> view, GatewayPublisher publisher,
            JsonMapper mapper, Clock clock, Duration writeTimeout) {
        this.types = types;
        this.view = view;
        this.publisher = publisher;
        this.mapper = mapper;
        this.clock = clock;
        this.writeTimeout = writeTimeout;
    }

    Mono<EventType> register(String teamId, JsonNode body) {
        io.hookline.schemas.avro.EventType type = validate(teamId, body);
        return publisher.send(Topics.EVENT_TYPES, null, EventTypes.key(teamId, type.getType()), type)
                .flatMap(metadata -> Mono.fromFuture(() -> view.awaitOffset(metadata.partition(), metadata.offset(), writeTimeout)))
                .onErrorMap(TimeoutException.class, e -> new KafkaUnavailableException(
                        "event type " + type.getType() + " was written but the view did not show it within " + writeTimeout, e))
                .then(Mono.fromCallable(() -> types.type(teamId, type.getType()).orElseThrow()));
    }

    /** @throws ApiException 422 listing every problem, 409 for a built-in type */
    io.hookline.schemas.avro.EventType validate(String teamId, JsonNode body) {
        Problems problems = new Problems();
        if (!body.isObject()) {
            problems.add("body", "must be a JSON object with type, description, schema and optionally sample");
            problems.throwIfAny();
        }
        for (String name : body.propertyNames()) {
            if (!FIELDS.contains(name)) {
                problems.add(name, "is not a field of an event type (type, description, schema, sample)");
            }
        }
        JsonNode type = body.get("type");
        if (type == null || !type.isString()) {
            problems.add("type", "is required: a dotted lower-case name such as invoice.paid");
        } else if (type.stringValue().length() > MAX_TYPE || !TYPE.matcher(type.stringValue()).matches()) {
            problems.add("type", "must be a dotted lower-case name such as invoice.paid (letters, digits, _), at most " + MAX_TYPE + " characters");
        } else if (types.isBuiltIn(type.stringValue())) {
            throw new ApiException(ErrorCode.CONFLICT, "'" + type.stringValue() + "' is a built-in event type and cannot be registered again.");
        }
        JsonNode description = body.get("description");
        if (description == null || !description.isString() || description.stringValue().isBlank()) {
            problems.add("description", "is required: a sentence saying when the event is sent");
        } else if (description.stringValue().length() > MAX_DESCRIPTION) {
            problems.add("description", "must be at most " + MAX_DESCRIPTION + " characters");
        }
        JsonNode schema = body.get("schema");
        boolean schemaValid = false;
        if (schema == null || !schema.isObject()) {
            problems.add("schema", "is required: the JSON Schema (2020-12) of the event's data, as an object");
        } else {
            int before = problems.list().size();
            problems.addAll(EventCatalog.schemaProblems(schema, "schema"));
            schemaValid = problems.list().size() == before;
        }
        Schema compiled = schemaValid ? compiled(schema, problems) : null;
        JsonNode sample = body.get("sample");
        if (sample != null && !sample.isNull()) {
            if (!sample.isObject()) {
                problems.add("sample", "must be an object: a data payload that satisfies the schema");
            } else if (compiled != null) {
                problems.addAll(EventCatalog.check(compiled, sample, "sample"));
            }
        }
        problems.throwIfAny();
        return io.hookline.schemas.avro.EventType.newBuilder()
                .setTeamId(teamId)
                .setType(type.stringValue())
                .setDescription(description.stringValue())
                .setSchema$(mapper.writeValueAsString(schema))
                .setSample(sample == null || sample.isNull() ? null : mapper.writeValueAsString(sample))
                .setCreatedAt(clock.instant())
                .build();
    }

    /** The schema compiled now, so that one events would fail to compile with is refused here (null, and a problem). */
    private static Schema compiled(JsonNode schema, Problems problems) {
        try {
            return EventCatalog.compile(schema);
        } catch (RuntimeException e) {
            problems.add("schema", EventCatalog.patternFailure(e)
                    .map(LinearRegex.Unsupported::problem)
                    .orElse("cannot be compiled: " + e.getMessage()));
        }
        return null;
    }
}
