package io.hookline.executor.sandbox;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Names a request's {@code environmentVariables} may not use: the sandbox's own variables and those
 * that change the interpreter or the loader ({@code PYTHONPATH}, {@code LD_PRELOAD}, ...), plus names
 * the environment cannot hold. The gateway answers such a request with 422; the executor refuses it
 * again, because a request on the topic may come from somewhere else.
 */
public final class ReservedVariables {

    private static final Set<String> NAMES = Set.of("WEBHOOK_DATA_FILE", "DEFINITE_API_KEY", "DEFINITE_API_BASE_URL", "PATH", "HOME",
            "PWD", "TMPDIR");
    private static final List<String> PREFIXES = List.of("LD_", "PYTHON");

    private ReservedVariables() {
    }

    /** The names among {@code names} that a dataset may not set, sorted; empty when all are allowed. */
    public static List<String> refused(Collection<String> names) {
        return names.stream().filter(ReservedVariables::isRefused).sorted().toList();
    }

    static boolean isRefused(String name) {
        return name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0 || NAMES.contains(name)
                || PREFIXES.stream().anyMatch(name::startsWith);
    }
}
