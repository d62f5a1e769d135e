package io.hookline.gateway.owner;

import io.hookline.schemas.avro.CommandResult;

/**
 * What one command does to the record it names, as the owner of its partition holds it: the result of an
 * apply function ({@link OwnedKind#apply}), which depends only on the command and the state, so that every
 * owner, and a repeat, decides alike.
 */
public sealed interface Decision<S> {

    /** The command changed the record: {@code after} is to be written (null: a tombstone). */
    record Written<S>(S before, S after) implements Decision<S> {
    }

    /** Nothing to do. */
    record Unchanged<S>(S current) implements Decision<S> {
    }

    /** Refused because of the record's state; the asking gateway answers {@code 404} or {@code 409}. */
    record Refused<S>(CommandResult result, String message) implements Decision<S> {
    }
}
