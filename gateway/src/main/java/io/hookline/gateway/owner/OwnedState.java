package io.hookline.gateway.owner;

import java.util.Collection;
import java.util.Optional;

/** The records of one owned partition as its owner holds them now, for an apply function to decide on. */
public interface OwnedState<S> {

    /** The record with this key, if any. */
    Optional<S> get(String key);

    /** Every record of the partition (for checks across records, e.g. one email per team). */
    Collection<S> values();
}
