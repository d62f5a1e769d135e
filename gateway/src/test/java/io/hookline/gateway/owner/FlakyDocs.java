package io.hookline.gateway.owner;

import io.hookline.schemas.avro.CommandResult;
import io.hookline.schemas.avro.Doc;
import io.hookline.schemas.avro.DocCommand;
import io.hookline.schemas.avro.DocOutcome;
import io.hookline.schemas.topics.Topic;
import io.hookline.schemas.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A kind for the owner loop's tests: docs created by id on topics of their own (one partition), whose
 * {@link #partition} throws an unexpected exception for the docs told to, as often as told. The owner calls
 * it before the transaction, and does not expect it to throw; the tests send those commands to partition 0
 * themselves, so only the owner meets the failure. The outcome of a doc whose id starts with {@code no-outcome}
 * cannot be made, which the owner meets inside the transaction.
 */
final class FlakyDocs implements OwnedKind<DocCommand, Doc, DocOutcome> {

    private final String name;
    private final Topic<String, DocCommand> commands;
    private final Topic<String, Doc> states;
    private final Topic<String, DocOutcome> outcomes;
    private final Topic<String, byte[]> deadLetters;
    /** By doc id, how many more times the owner's call fails. */
    private final ConcurrentMap<String, Integer> failures = new ConcurrentHashMap<>();

    FlakyDocs(String name) {
        this.name = name;
        this.commands = new Topic<>(name + ".commands", 1, Map.of(), Serdes.String(), Topics.DOC_COMMANDS.valueSerde());
        this.states = new Topic<>(name + ".states", 1, Map.of("cleanup.policy", "compact"), Serdes.String(), Topics.DOCS.valueSerde());
        this.outcomes = new Topic<>(name + ".outcomes", 1, Map.of(), Serdes.String(), Topics.DOC_OUTCOMES.valueSerde());
        this.deadLetters = new Topic<>(name + ".dlq", 1, Map.of(), Serdes.String(), Serdes.ByteArray());
    }

    /** The owner fails this many times on the doc's commands (Integer.MAX_VALUE: always). */
    void failOn(String docId, int times) {
        failures.put(docId, times);
    }

    List<Topic<String, ?>> topics() {
        return List.of(commands, states, outcomes, deadLetters);
    }

    @Override
    public int partition(DocCommand command) {
        int[] left = {0};
        failures.computeIfPresent(command.getDocId(), (id, n) -> {
            left[0] = n;
            return n == 1 ? null : n - 1;
        });
        if (left[0] > 0) {
            throw new IllegalStateException("injected failure on doc " + command.getDocId());
        }
        return 0;
    }

    @Override
    public Decision<Doc> apply(DocCommand command, OwnedState<Doc> state) {
        return state.get(command.getDocId()).<Decision<Doc>>map(d -> new Decision.Refused<>(CommandResult.CONFLICT, "exists"))
                .orElseGet(() -> new Decision.Written<>(null, command.getDoc()));
    }

    @Override
    public DocOutcome outcome(DocCommand command, Decision<Doc> decision, int partition, long offset) {
        if (command.getDocId().startsWith("no-outcome")) { // inside the transaction, after the state was sent: aborted
            throw new IllegalStateException("injected failure in the outcome of doc " + command.getDocId());
        }
        DocOutcome.Builder outcome = DocOutcome.newBuilder().setCommandId(command.getCommandId()).setDocId(command.getDocId())
                .setPartition(partition).setOffset(offset);
        if (decision instanceof Decision.Written<Doc> w) {
            return outcome.setResult(CommandResult.APPLIED).setAfter(w.after()).build();
        }
        return outcome.setResult(CommandResult.CONFLICT).setMessage(((Decision.Refused<Doc>) decision).message()).build();
    }

    @Override
    public Reply<Doc> reply(DocOutcome o) {
        return new Reply<>(o.getResult(), o.getMessage(), o.getBefore(), o.getAfter(), o.getPartition(), o.getOffset());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Topic<String, DocCommand> commands() {
        return commands;
    }

    @Override
    public Topic<String, Doc> states() {
        return states;
    }

    @Override
    public Topic<String, DocOutcome> outcomes() {
        return outcomes;
    }

    @Override
    public Topic<String, byte[]> deadLetters() {
        return deadLetters;
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

    @Override
    public String outcomeCommandId(DocOutcome outcome) {
        return outcome.getCommandId();
    }
}
