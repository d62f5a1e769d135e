package io.hookline.gateway.event;

import com.networknt.schema.Schema;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.gateway.web.Problem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event types a team may use: the built-in catalog plus the custom types the team registered on
 * {@code hookline.event-types} (key {@code teamId|type}). Another team's custom types are invisible.
 */
public final class EventTypes {

    private final EventCatalog builtIn;
    private final CustomTypes custom;
    private final JsonMapper mapper;
    /** Compiled schemas of custom types, recompiled when a type is registered again. */
    private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();

    public EventTypes(EventCatalog builtIn, CustomTypes custom, JsonMapper mapper) {
        this.builtIn = builtIn;
        this.custom = custom;
        this.mapper = mapper;
    }

    /** The custom types as read from {@code hookline.event-types} (the gateway's view of it). */
    public static EventTypes over(EventCatalog builtIn, TopicView<io.hookline.schemas.avro.EventType> view, JsonMapper mapper) {
        return new EventTypes(builtIn, new CustomTypes() {
            @Override
            public Optional<io.hookline.schemas.avro.EventType> get(String key) {
                return view.get(key);
            }

            @Override
            public Collection<io.hookline.schemas.avro.EventType> values() {
                return view.values();
            }
        }, mapper);
    }

    /** Where registered custom types are looked up, by {@code teamId|type}. */
    public interface CustomTypes {

        Optional<io.hookline.schemas.avro.EventType> get(String key);

        Collection<io.hookline.schemas.avro.EventType> values();
    }

    static String key(String teamId, String type) {
        return teamId + "|" + type;
    }

    public boolean isBuiltIn(String type) {
        return builtIn.contains(type);
    }

    public boolean contains(String teamId, String type) {
        return builtIn.contains(type) || custom.get(key(teamId, type)).isPresent();
    }

    /** The built-in types, then the team's own, alphabetically. */
    public List<EventType> types(String teamId) {
        List<EventType> all = new ArrayList<>(builtIn.types());
        custom.values().stream()
                .filter(t -> t.getTeamId().equals(teamId))
                .sorted(Comparator.comparing(io.hookline.schemas.avro.EventType::getType))
                .map(this::toJson)
                .forEach(all::add);
        return all;
    }

    public Optional<EventType> type(String teamId, String type) {
        Optional<EventType> found = builtIn.type(type);
        return found.isPresent() ? found : custom.get(key(teamId, type)).map(this::toJson);
    }

    /**
     * Every way {@code data} fails the type's schema, named under {@code field}.
     *
     * @throws IllegalArgumentException for a type the team cannot use
     */
    public List<Problem> validate(String teamId, String type, JsonNode data, String field) {
        if (builtIn.contains(type)) {
            return builtIn.validate(type, data, field);
        }
        io.hookline.schemas.avro.EventType registered = custom.get(key(teamId, type))
                .orElseThrow(() -> new IllegalArgumentException("Not in the catalog of " + teamId + ": " + type));
        Compiled schema;
        try {
            schema = compiled.compute(key(teamId, type), (k, old) ->
                    old != null && old.version().equals(registered.getCreatedAt().toEpochMilli() + registered.getSchema$())
                            ? old
                            : new Compiled(registered.getCreatedAt().toEpochMilli() + registered.getSchema$(),
                                    EventCatalog.compile(mapper.readTree(registered.getSchema$()))));
        } catch (RuntimeException e) {
            // a type registered before patterns ran on RE2 may hold one it cannot compile
            LinearRegex.Unsupported pattern = EventCatalog.patternFailure(e).orElseThrow(() -> e);
            return List.of(new Problem(field, "cannot be checked against the schema of '" + type + "': " + pattern.problem()
                    + "; register the type again without it"));
        }
        return EventCatalog.check(schema.schema(), data, field);
    }

    private EventType toJson(io.hookline.schemas.avro.EventType type) {
        return new EventType(type.getType(), type.getDescription(), mapper.readTree(type.getSchema$()),
                type.getSample() == null ? null : mapper.readTree(type.getSample()));
    }

    private record Compiled(String version, Schema schema) {
    }
}
