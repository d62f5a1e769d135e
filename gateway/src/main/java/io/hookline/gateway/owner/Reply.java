package io.hookline.gateway.owner;

import io.hookline.schemas.avro.CommandResult;

/**
 * An outcome as the asking side reads it, whatever its Avro type: what the owner did, the states before
 * and after, and where it wrote the new state (offset -1: nothing written).
 */
public record Reply<S>(CommandResult result, String message, S before, S after, int partition, long offset) {
}
