package io.hookline.gateway.doc;

import io.hookline.gateway.kafka.TopicView;
import io.hookline.gateway.owner.Commander;
import io.hookline.gateway.owner.Reply;
import io.hookline.schemas.avro.Doc;
import io.hookline.schemas.avro.DocAction;
import io.hookline.schemas.avro.DocCommand;
import io.hookline.schemas.avro.DocOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/**
 * The team's docs: read through the gateway's view of the compacted docs topic; changed only by commands
 * that the gateway owning the doc's partition applies to the doc as it is ({@link DocCommands}), whichever
 * gateway was asked, each answered once this gateway's view shows it (read-your-writes). Another team's doc
 * is "not found", and so is one deleted meanwhile.
 */
public final class Docs {

    static final String ISSUED_BY = "gateway";

    private final TopicView<Doc> view;
    private final Commander<DocCommand, Doc, DocOutcome> commander;
    private final Clock clock;

    public Docs(TopicView<Doc> view, Commander<DocCommand, Doc, DocOutcome> commander, Clock clock) {
        this.view = view;
        this.commander = commander;
        this.clock = clock;
    }

    /** Completes once the view has caught up after start-up (503 if it cannot in time). */
    public Mono<Void> ready() {
        return commander.ready();
    }

    /** The team's doc, archived or not; empty for unknown ids and other teams' docs. */
    public Optional<Doc> find(String teamId, String id) {
        return view.get(id).filter(doc -> doc.getTeamId().equals(teamId));
    }

    Mono<Doc> create(String teamId, DocValidator.NewDoc request) {
        Instant now = clock.instant();
        Doc doc = new Doc(UUID.randomUUID().toString(), teamId, request.name(), DocJson.datasets(request.datasets()), false, now, now);
        return ask(doc, DocAction.CREATE, now, command -> command.setDoc(doc)).map(Reply::after);
    }

    /** Sets the name and datasets of the doc as it is when applied (an archive meanwhile stays). */
    Mono<Reply<Doc>> replace(Doc seen, DocValidator.NewDoc request) {
        return ask(seen, DocAction.REPLACE, clock.instant(), command -> command.setName(request.name())
                .setDatasets(DocJson.datasets(request.datasets())));
    }

    Mono<Reply<Doc>> archive(Doc seen) {
        return ask(seen, DocAction.ARCHIVE, clock.instant(), command -> {
        });
    }

    Mono<Reply<Doc>> delete(Doc seen) {
        return ask(seen, DocAction.DELETE, clock.instant(), command -> {
        });
    }

    private Mono<Reply<Doc>> ask(Doc doc, DocAction action, Instant at, Consumer<DocCommand.Builder> fields) {
        DocCommand.Builder command = DocCommand.newBuilder().setCommandId(UUID.randomUUID().toString()).setDocId(doc.getId())
                .setTeamId(doc.getTeamId()).setAction(action).setIssuedBy(ISSUED_BY).setIssuedAt(at);
        fields.accept(command);
        return commander.ask(command.build());
    }
}
