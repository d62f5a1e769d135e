package io.hookline.gateway.event;

import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.schemas.avro.Event;
import io.hookline.schemas.topics.Topics;
import io.hookline.schemas.trace.TraceContext;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Puts validated events on {@code hookline.events} as Avro records keyed by the team id. */
final class EventPublisher {

    private final GatewayPublisher publisher;
    private final JsonMapper mapper;

    EventPublisher(GatewayPublisher publisher, JsonMapper mapper) {
        this.publisher = publisher;
        this.mapper = mapper;
    }

    /**
     * Completes with the events' ids once Kafka acknowledged every one of them.
     *
     * @param trace the request's W3C trace context, or null; it goes in each record's headers, as a
     *              producer writing to the topic itself would put it
     */
    Mono<List<String>> publish(String teamId, List<NewEvent> events, TraceContext trace) {
        RecordHeaders headers = new RecordHeaders();
        if (trace != null) {
            trace.addTo(headers);
        }
        return Mono.fromCallable(() -> events.stream().map(event -> encode(teamId, event)).toList())
                .flatMap(encoded -> publisher.sendAll(Topics.EVENTS, null, teamId, encoded, headers))
                .thenReturn(events.stream().map(NewEvent::id).toList());
    }

    private byte[] encode(String teamId, NewEvent event) {
        Event avro = Event.newBuilder()
                .setId(event.id())
                .setTenantId(teamId)
                .setType(event.type())
                .setTimestamp(event.timestamp())
                .setData(mapper.writeValueAsString(event.data()))
                .build();
        return Topics.EVENT_VALUES.serialize(avro);
    }
}
