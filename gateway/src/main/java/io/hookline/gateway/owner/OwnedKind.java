package io.hookline.gateway.owner;

import io.hookline.schemas.topics.Topic;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One kind of state with one writer per partition: its compacted state topic, the commands that change
 * it and their outcomes, and the pure functions between them. Partition <i>p</i> of the commands is
 * applied to partition <i>p</i> of the state, so both have as many partitions and a command goes to the
 * partition of the record it changes.
 *
 * @param <C> the command
 * @param <S> the state record
 * @param <O> the outcome
 */
public interface OwnedKind<C, S, O> {

    /** A short name for logs, client ids and the consumer group, e.g. {@code principal}. */
    String name();

    Topic<String, C> commands();

    Topic<String, S> states();

    Topic<String, O> outcomes();

    /** Where commands that cannot be read or applied go, with the reason. */
    Topic<String, byte[]> deadLetters();

    String commandId(C command);

    /** The key of the state record the command changes. */
    String key(C command);

    /** The key of a state record. */
    String keyOf(S state);

    /** The partition of the commands and of the states the command belongs on. */
    int partition(C command);

    /** The apply function: what the command does to the partition's records as they are now. No Kafka. */
    Decision<S> apply(C command, OwnedState<S> state);

    /** The outcome of a decision, for the asking side; {@code offset} is where the new state was written (-1: nothing). */
    O outcome(C command, Decision<S> decision, int partition, long offset);

    String outcomeCommandId(O outcome);

    Reply<S> reply(O outcome);

    /**
     * The records to write for a change, in order, on the command's partition (null: a tombstone); the
     * outcome carries the last one's offset. By default the new state alone.
     */
    default List<S> records(C command, Decision.Written<S> written) {
        return Collections.singletonList(written.after());
    }

    /**
     * Called on the owner's thread once a decision is committed, for what the owner itself must do about it
     * (e.g. the audit entry of a change no API request asked for); {@code running} turns false on a stop.
     */
    default void applied(C command, Decision<S> decision, BooleanSupplier running) {
    }

    /** The command as the owner's log shows it. */
    default String describe(C command) {
        return "command " + commandId(command);
    }
}
