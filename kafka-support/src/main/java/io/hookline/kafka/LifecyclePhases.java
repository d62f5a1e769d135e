package io.hookline.kafka;

import org.springframework.context.SmartLifecycle;

/**
 * The order in which the parts of a component start (lowest first) and stop (highest first), in one
 * place because the standalone runs every component in one context and their phases interleave:
 * topics must exist before anything reads them, views must have read their topic to its end before a
 * command is checked against them or the owner is bootstrapped, and the consumer loops (at the default
 * phase) start last and stop first, so they drain while the sockets and sandboxes they use still run.
 */
public final class LifecyclePhases {

    /** Creates the catalog's topics; everything else waits for them. */
    public static final int TOPICS = SmartLifecycle.DEFAULT_PHASE - 10_000;
    /** Compacted-topic views and readers, caught up before anyone answers from them. */
    public static final int VIEWS = SmartLifecycle.DEFAULT_PHASE - 9_000;
    /** Writers that check a command against a view (the gateway's webhook commands). */
    public static final int COMMANDS = SmartLifecycle.DEFAULT_PHASE - 8_500;
    /** One-off start-up writes that need the views (the first owner's key). */
    public static final int BOOTSTRAP = SmartLifecycle.DEFAULT_PHASE - 8_000;
    /** The executor's write-back socket, which the sandboxes connect to. */
    public static final int SANDBOX_SOCKET = SmartLifecycle.DEFAULT_PHASE - 100;
    /** The executor's warm pool of sandboxes, started after the socket and stopped before it. */
    public static final int SANDBOX_POOL = SmartLifecycle.DEFAULT_PHASE - 50;
    /** Consumer loops: last to start, first to stop. */
    public static final int CONSUMERS = SmartLifecycle.DEFAULT_PHASE;

    private LifecyclePhases() {
    }
}
