package io.hookline.gateway.owner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Whether this gateway's owner loops run: {@code DOWN} while one restarts after an unexpected failure (from
 * the failure until its fresh consumer is assigned), with the kind and the failure's class: not its message, as
 * health answers anyone, and never a stack trace. Meanwhile a lone gateway answers that kind's changes with {@code 503}.
 */
public final class OwnersHealthIndicator implements HealthIndicator {

    private final Supplier<List<OwnerLoop<?, ?, ?>>> loops;

    public OwnersHealthIndicator(Supplier<List<OwnerLoop<?, ?, ?>>> loops) {
        this.loops = loops;
    }

    @Override
    public Health health() {
        boolean restarting = false;
        Map<String, Object> details = new LinkedHashMap<>();
        for (OwnerLoop<?, ?, ?> loop : loops.get()) {
            Optional<String> because = loop.restartingBecause(); // read once: the loop's thread changes it
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("status", because.isPresent() ? "restarting" : "running");
            because.ifPresent(reason -> detail.put("error", reason));
            detail.put("restarts", loop.restarts());
            restarting |= because.isPresent();
            details.put(loop.kindName(), detail);
        }
        return (restarting ? Health.down() : Health.up()).withDetails(details).build();
    }
}
