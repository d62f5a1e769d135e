package io.hookline.gateway.event;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import io.hookline.gateway.web.Problem;
import io.hookline.gateway.web.Problems;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event types producers may send and subscribers may choose, each with the JSON Schema
 * (2020-12) its {@code data} must satisfy. Loaded once from {@code event-types.json}.
 */
public final class EventCatalog {

    static final String RESOURCE = "/io/hookline/gateway/event/event-types.json";
    /** Keywords whose error is about a property named in the error rather than the object it sits in. */
    private static final Set<String> PROPERTY_KEYWORDS = Set.of("required", "additionalProperties", "dependentRequired", "unevaluatedProperties");

    private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            // formats (date-time, email…) are checked, messages are English whatever the JVM's locale, and
            // patterns match in linear time, so no team's schema can stall the thread that validates
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .formatAssertionsEnabled(true).locale(Locale.ENGLISH).regularExpressionFactory(LinearRegex.INSTANCE).build()));

    private final Map<String, EventType> types;
    private final Map<String, Schema> schemas;

    EventCatalog(List<EventType> types) {
        this.types = new LinkedHashMap<>();
        this.schemas = new LinkedHashMap<>();
        for (EventType type : types) {
            this.types.put(type.type(), type);
            this.schemas.put(type.type(), compile(type.schema()));
        }
    }

    /**
     * A JSON Schema (2020-12 unless it says otherwise) ready to validate with: every keyword compiled
     * now, its regular expressions included, rather than at the first event.
     *
     * @throws RuntimeException for a pattern that RE2 cannot compile ({@link #patternFailure} finds it)
     */
    static Schema compile(JsonNode schema) {
        Schema compiled = REGISTRY.getSchema(schema);
        compiled.initializeValidators();
        return compiled;
    }

    /** The pattern RE2 refused behind a schema that failed to {@link #compile}, when that is why (networknt wraps it). */
    static Optional<LinearRegex.Unsupported> patternFailure(RuntimeException error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof LinearRegex.Unsupported pattern) {
                return Optional.of(pattern);
            }
        }
        return Optional.empty();
    }

    /** Every way this node fails to be a JSON Schema (2020-12 meta-schema), each under {@code field}. */
    static List<Problem> schemaProblems(JsonNode schema, String field) {
        List<Problem> problems = new ArrayList<>();
        for (Error error : REGISTRY.getSchema(SchemaLocation.of(META_SCHEMA)).validate(schema)) {
            problems.add(new Problem(path(error, field), regexProblem(error).orElse(error.getMessage())));
        }
        return problems;
    }

    /** The meta-schema's {@code format: regex} on a pattern RE2 refused, said so that the caller knows what to change. */
    private static Optional<String> regexProblem(Error error) {
        JsonNode node = error.getInstanceNode();
        if (!"format".equals(error.getKeyword()) || node == null || !node.isString()) {
            return Optional.empty();
        }
        try {
            LinearRegex.INSTANCE.getRegularExpression(node.stringValue());
            return Optional.empty();
        } catch (LinearRegex.Unsupported e) {
            return Optional.of(e.problem());
        }
    }

    /** The catalog shipped with the gateway. */
    public static EventCatalog load(JsonMapper mapper) {
        try (InputStream in = EventCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The event catalog " + RESOURCE + " is missing from the classpath");
            }
            return new EventCatalog(List.of(mapper.readValue(in, EventType[].class)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the event catalog " + RESOURCE, e);
        }
    }

    public List<EventType> types() {
        return List.copyOf(types.values());
    }

    public java.util.Optional<EventType> type(String type) {
        return java.util.Optional.ofNullable(types.get(type));
    }

    public boolean contains(String type) {
        return types.containsKey(type);
    }

    /**
     * Every way this {@code data} fails its type's schema, each named by its path under {@code field}
     * (e.g. {@code [0].data.acronym.term}). Empty when it satisfies the schema.
     *
     * @throws IllegalArgumentException for a type that is not in the catalog
     */
    public List<Problem> validate(String type, JsonNode data, String field) {
        Schema schema = schemas.get(type);
        if (schema == null) {
            throw new IllegalArgumentException("Not in the catalog: " + type);
        }
        return check(schema, data, field);
    }

    /** Every way {@code data} fails the schema, each named by its path under {@code field}. */
    static List<Problem> check(Schema schema, JsonNode data, String field) {
        List<Problem> problems = new ArrayList<>();
        for (Error error : schema.validate(data)) {
            problems.add(new Problem(path(error, field), error.getMessage()));
        }
        return problems;
    }

    private static String path(Error error, String field) {
        String path = field + pathOf(error.getInstanceLocation());
        if (PROPERTY_KEYWORDS.contains(error.getKeyword()) && error.getProperty() != null) {
            path = Problems.join(path, error.getProperty());
        }
        return path;
    }

    private static String pathOf(NodePath location) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append('.').append(element);
            }
        }
        return path.toString();
    }
}
