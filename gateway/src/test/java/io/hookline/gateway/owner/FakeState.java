package io.hookline.gateway.owner;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The records of an owned partition as a plain map, for apply functions' unit tests. */
public final class FakeState<S> implements OwnedState<S> {

    private final Map<String, S> records = new LinkedHashMap<>();
    private final Function<S, String> key;

    public FakeState(Function<S, String> key) {
        this.key = key;
    }

    @SafeVarargs
    public final FakeState<S> with(S... states) {
        for (S s : states) {
            records.put(key.apply(s), s);
        }
        return this;
    }

    /** Applies a decision as the owner would, for the next command to see it. */
    public void wrote(Decision<S> decision) {
        if (decision instanceof Decision.Written<S> w) {
            if (w.after() == null) {
                records.remove(key.apply(w.before()));
            } else {
                records.put(key.apply(w.after()), w.after());
            }
        }
    }

    @Override
    public Optional<S> get(String k) {
        return Optional.ofNullable(records.get(k));
    }

    @Override
    public Collection<S> values() {
        return records.values();
    }
}
