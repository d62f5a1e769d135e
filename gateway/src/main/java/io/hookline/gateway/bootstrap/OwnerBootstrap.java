package io.hookline.gateway.bootstrap;

import io.hookline.schemas.principal.ApiKey;
import io.hookline.schemas.principal.Credentials;
import io.hookline.schemas.principal.Role;
import io.hookline.gateway.kafka.GatewayPublisher;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.schemas.avro.Principal;
import io.hookline.schemas.topics.Topics;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * First start of the embedded default: when team {@code default} has no user yet, creates its owner,
 * writes the API key to the key file (mode 0600) and prints it once. Runs before the HTTP server
 * opens, so the key works as soon as the port answers. Later starts only say where the key is.
 */
public final class OwnerBootstrap implements SmartLifecycle {

    public static final String TEAM = "default";
    static final String EMAIL = "owner@localhost";
    private static final Logger log = LoggerFactory.getLogger(OwnerBootstrap.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final boolean enabled;
    private final OwnerKeyFile keyFile;
    private final TopicView<Principal> principals;
    private final GatewayPublisher publisher;
    private final Clock clock;
    private final PrintStream out;
    private final int phase;
    private volatile Optional<String> ownerKey = Optional.empty();
    private volatile boolean running;

    public OwnerBootstrap(boolean enabled, java.nio.file.Path keyFile, TopicView<Principal> principals, GatewayPublisher publisher,
            Clock clock, PrintStream out, int phase) {
        this.enabled = enabled;
        this.keyFile = new OwnerKeyFile(keyFile);
        this.principals = principals;
        this.publisher = publisher;
        this.clock = clock;
        this.out = out;
        this.phase = phase;
    }

    /** The owner's API key when this start created it; empty otherwise. */
    public Optional<String> ownerKey() {
        return ownerKey;
    }

    @Override
    public void start() {
        running = true;
        if (!enabled) {
            return;
        }
        if (!principals.awaitCaughtUp(READY_TIMEOUT)) {
            throw new IllegalStateException("Cannot bootstrap team '" + TEAM + "': the principals topic could not be read within "
                    + READY_TIMEOUT.toSeconds() + " s (is Kafka reachable?)");
        }
        boolean ownerExists = principals.values().stream().anyMatch(p -> TEAM.equals(p.getTeamId()));
        if (ownerExists) {
            out.println(keyFile.exists()
                    ? "Hookline: the API key of team '" + TEAM + "' owner is in " + keyFile.path()
                    : "Hookline: team '" + TEAM + "' has an owner; its API key was shown on first start (" + keyFile.path() + " does not exist)");
            return;
        }
        createOwner();
    }

    private void createOwner() {
        Credentials.Issued issued = Credentials.newUser(TEAM, EMAIL, Role.OWNER, clock.instant());
        ApiKey key = issued.key();
        Principal owner = issued.principal();
        // The file first: a key that is published but lost would lock the owner out.
        keyFile.write(key.value());
        RecordMetadata written = publisher.send(Topics.PRINCIPALS, null, key.userId(), owner).block(READY_TIMEOUT);
        principals.awaitOffset(written.partition(), written.offset(), READY_TIMEOUT).join();
        ownerKey = Optional.of(key.value());
        log.info("Created user {} as owner of team '{}'", key.userId(), TEAM);
        out.println();
        out.println("==================================================================================");
        out.println(" Hookline: created the owner of team '" + TEAM + "' (" + EMAIL + ").");
        out.println(" API key (shown once; also written to " + keyFile.path() + ", mode 0600):");
        out.println();
        out.println("   " + key.value());
        out.println();
        out.println(" Use it as:  Authorization: Bearer <key>");
        out.println("==================================================================================");
        out.println();
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return phase;
    }
}
