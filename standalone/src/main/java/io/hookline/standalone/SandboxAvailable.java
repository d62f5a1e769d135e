package io.hookline.standalone;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether the all-in-one platform runs the executor: with bubblewrap and python3 present, or with
 * {@code hookline.executor.sandbox=none} said explicitly. Otherwise everything else starts and a loud
 * line says how to turn execute webhooks on; the executor itself (./hookline executor) still refuses
 * to start without its sandbox.
 */
final class SandboxAvailable implements Condition {

    private static final Logger log = LoggerFactory.getLogger(SandboxAvailable.class);
    /** Spring evaluates a condition more than once per start; say it once. */
    private static final AtomicBoolean warned = new AtomicBoolean();

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        var environment = context.getEnvironment();
        if ("none".equals(environment.getProperty("hookline.executor.sandbox"))) {
            return true;
        }
        Path bwrap = Path.of(environment.getProperty("hookline.executor.bwrap-path", "/usr/bin/bwrap"));
        Path python = Path.of(environment.getProperty("hookline.executor.python-path", "/usr/bin/python3"));
        if (Files.isExecutable(bwrap) && Files.isExecutable(python)) {
            return true;
        }
        if (warned.getAndSet(true)) {
            return false;
        }
        log.warn("*** Execute webhooks are OFF: {} is missing. Everything else runs. Install bubblewrap and python3 "
                + "(apt-get install bubblewrap python3) and restart, or start with --hookline.executor.sandbox=none for "
                + "development only (no isolation). Until then POST /v4/webhook/docs/{{id}}/execute gets 503. ***",
                Files.isExecutable(bwrap) ? python : bwrap);
        return false;
    }
}
