package io.hookline.gateway.doc;

import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.kafka.KafkaUnavailableException;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.schemas.avro.Doc;
import io.hookline.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import reactor.core.publisher.Mono;

/**
 * The team's docs: written to the compacted docs topic, read back through the gateway's view, each
 * write answered only once the view shows it (read-your-writes). Another team's doc is "not found".
 */
public final class Docs {

    private final TopicView<Doc> view;
    private final GatewayPublisher publisher;
    private final Clock clock;
    private final Duration writeTimeout;

    public Docs(TopicView<Doc> view, GatewayPublisher publisher, Clock clock, Duration writeTimeout) {
        this.view = view;
        this.publisher = publisher;
        this.clock = clock;
        this.writeTimeout = writeTimeout;
    }

    /** Completes once the view has caught up after start-up (503 if it cannot in time). */
    public Mono<Void> ready() {
        return Mono.fromFuture(view::caughtUp)
                .timeout(writeTimeout, Mono.error(() -> new KafkaUnavailableException("docs view not caught up within " + writeTimeout)))
                .then();
    }

    /** The team's doc, archived or not; empty for unknown ids and other teams' docs. */
    public Optional<Doc> find(String teamId, String id) {
        return view.get(id).filter(doc -> doc.getTeamId().equals(teamId));
    }

    Mono<Doc> create(String teamId, DocValidator.NewDoc request) {
        Instant now = clock.instant();
        Doc doc = new Doc(UUID.randomUUID().toString(), teamId, request.name(), DocJson.datasets(request.datasets()), false, now, now);
        return write(doc);
    }

    Mono<Doc> replace(Doc existing, DocValidator.NewDoc request) {
        Doc doc = Doc.newBuilder(existing).setName(request.name()).setDatasets(DocJson.datasets(request.datasets()))
                .setUpdatedAt(clock.instant()).build();
        return write(doc);
    }

    Mono<Doc> archive(Doc existing) {
        return write(Doc.newBuilder(existing).setArchived(true).setUpdatedAt(clock.instant()).build());
    }

    Mono<Void> delete(Doc existing) {
        return publisher.send(Topics.DOCS, null, existing.getId(), (Doc) null).flatMap(this::visible).then();
    }

    private Mono<Doc> write(Doc doc) {
        return publisher.send(Topics.DOCS, null, doc.getId(), doc).flatMap(this::visible).thenReturn(doc);
    }

    private Mono<Void> visible(RecordMetadata metadata) {
        return Mono.fromFuture(() -> view.awaitOffset(metadata.partition(), metadata.offset(), writeTimeout))
                .onErrorMap(e -> new KafkaUnavailableException("docs view did not show the write in time", e));
    }
}
