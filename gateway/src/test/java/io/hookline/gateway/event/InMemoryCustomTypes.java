package io.hookline.gateway.event;

import io.hookline.schemas.avro.EventType;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Custom event types held in a map, in place of the gateway's view of {@code hookline.event-types}. */
public final class InMemoryCustomTypes implements EventTypes.CustomTypes {

    private final Map<String, EventType> types = new ConcurrentHashMap<>();

    public InMemoryCustomTypes register(String teamId, String type, String schemaJson, String sampleJson) {
        types.put(EventTypes.key(teamId, type), new EventType(teamId, type, "A custom type", schemaJson, sampleJson, Instant.now()));
        return this;
    }

    @Override
    public Optional<EventType> get(String key) {
        return Optional.ofNullable(types.get(key));
    }

    @Override
    public Collection<EventType> values() {
        return types.values();
    }
}
