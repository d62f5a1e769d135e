package io.hookline.kafka;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code hookline.data-dir}: where the standalone (which always sets it) keeps every component's state
 * on disk. Unset, a component started alone chooses its own place (the router {@code ./data}, the
 * gateway a temporary directory filled again from its topics), so this says only whether it was set.
 */
public record DataDir(Path root) {

    public Optional<Path> configured() {
        return Optional.ofNullable(root);
    }

    /** {@code name} under the data directory, else under {@code fallback}. */
    public Path resolve(String name, Path fallback) {
        return configured().orElse(fallback).resolve(name);
    }
}
