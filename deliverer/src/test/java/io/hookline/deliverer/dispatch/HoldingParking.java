package io.hookline.deliverer.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Parking} for tests: a unit whose result is an {@link Instant} holds its endpoint until then,
 * units named "back…" come back from behind a hold, and parked units are kept as {@code unit@until}.
 */
final class HoldingParking implements Parking<String> {

    final List<String> parked = new ArrayList<>();

    @Override
    public Instant holdAfter(String work, Object result) {
        return result instanceof Instant until ? until : null;
    }

    @Override
    public boolean releases(String work, Instant until) {
        return work.startsWith("back");
    }

    @Override
    public void park(String work, Instant until) {
        parked.add(work + "@" + until);
    }
}
