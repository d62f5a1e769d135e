package io.hookline.gateway.doc;

import io.hookline.gateway.owner.Decision;
import io.hookline.gateway.owner.OwnedKind;
import io.hookline.gateway.owner.OwnedState;
import io.hookline.gateway.owner.Reply;
import io.hookline.schemas.avro.CommandResult;
import io.hookline.schemas.avro.Doc;
import io.hookline.schemas.avro.DocAction;
import io.hookline.schemas.avro.DocCommand;
import io.hookline.schemas.avro.DocOutcome;
import io.hookline.schemas.topics.Topic;
import io.hookline.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.utils.Utils;

/**
 * Docs as a kind with one writer ({@link io.hookline.gateway.owner}): a doc's commands go to the partition of
 * {@code hookline.doc-commands} that its id gives in {@code hookline.docs} (the producer's key hash, where the
 * docs have always been written), and the gateway owning that partition is the one writer of the doc.
 */
final class DocCommands implements OwnedKind<DocCommand, Doc, DocOutcome> {

    static final DocCommands KIND = new DocCommands();

    private DocCommands() {
    }

    @Override
    public Decision<Doc> apply(DocCommand command, OwnedState<Doc> state) {
        Optional<Doc> current = state.get(command.getDocId());
        if (command.getAction() == DocAction.CREATE) {
            return current.isPresent() ? new Decision.Refused<>(CommandResult.CONFLICT, "A doc with id " + command.getDocId() + " exists.")
                    : new Decision.Written<>(null, Objects.requireNonNull(command.getDoc(), "CREATE without a doc"));
        }
        Optional<Doc> visible = current.filter(d -> d.getTeamId().equals(command.getTeamId()));
        if (visible.isEmpty()) {
            return new Decision.Refused<>(CommandResult.NOT_FOUND, "No doc " + command.getDocId() + ".");
        }
        Doc doc = visible.get();
        Doc.Builder changed = Doc.newBuilder(doc).setUpdatedAt(command.getIssuedAt());
        return switch (command.getAction()) {
            case CREATE -> throw new IllegalStateException("handled above");
            // only what a PUT sets: an archive applied before it stays
            case REPLACE -> new Decision.Written<>(doc, changed.setName(Objects.requireNonNull(command.getName(), "REPLACE without a name"))
                    .setDatasets(Objects.requireNonNull(command.getDatasets(), "REPLACE without datasets")).build());
            case ARCHIVE -> new Decision.Written<>(doc, changed.setArchived(true).build());
            case DELETE -> new Decision.Written<>(doc, null);
        };
    }

    @Override
    public String name() {
        return "doc";
    }

    @Override
    public Topic<String, DocCommand> commands() {
        return Topics.DOC_COMMANDS;
    }

    @Override
    public Topic<String, Doc> states() {
        return Topics.DOCS;
    }

    @Override
    public Topic<String, DocOutcome> outcomes() {
        return Topics.DOC_OUTCOMES;
    }

    @Override
    public Topic<String, byte[]> deadLetters() {
        return Topics.OWNED_COMMANDS_DLQ;
    }

    @Override
    public String commandId(DocCommand command) {
        return command.getCommandId();
    }

    @Override
    public String key(DocCommand command) {
        return command.getDocId();
    }

    @Override
    public String keyOf(Doc state) {
        return state.getId();
    }

    /** The partition Kafka's default partitioner gives the doc's id, so docs written before the commands stay where they are. */
    @Override
    public int partition(DocCommand command) {
        return Utils.toPositive(Utils.murmur2(command.getDocId().getBytes(StandardCharsets.UTF_8))) % Topics.DOCS.partitions();
    }

    @Override
    public DocOutcome outcome(DocCommand command, Decision<Doc> decision, int partition, long offset) {
        DocOutcome.Builder outcome = DocOutcome.newBuilder().setCommandId(command.getCommandId()).setDocId(command.getDocId())
                .setPartition(partition).setOffset(offset);
        if (decision instanceof Decision.Written<Doc> w) {
            return outcome.setResult(CommandResult.APPLIED).setBefore(w.before()).setAfter(w.after()).build();
        }
        if (decision instanceof Decision.Unchanged<Doc> u) {
            return outcome.setResult(CommandResult.UNCHANGED).setBefore(u.current()).setAfter(u.current()).build();
        }
        Decision.Refused<Doc> r = (Decision.Refused<Doc>) decision;
        return outcome.setResult(r.result()).setMessage(r.message()).build();
    }

    @Override
    public String outcomeCommandId(DocOutcome outcome) {
        return outcome.getCommandId();
    }

    @Override
    public Reply<Doc> reply(DocOutcome o) {
        return new Reply<>(o.getResult(), o.getMessage(), o.getBefore(), o.getAfter(), o.getPartition(), o.getOffset());
    }
}
