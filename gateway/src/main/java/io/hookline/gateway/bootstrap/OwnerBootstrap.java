package io.hookline.gateway.bootstrap;

import io.hookline.schemas.principal.ApiKey;
import io.hookline.schemas.principal.Credentials;
import io.hookline.schemas.principal.Role;
import io.hookline.gateway.kafka.TopicView;
import io.hookline.gateway.owner.Commander;
import io.hookline.gateway.user.PrincipalCommands;
import io.hookline.gateway.web.ApiException;
import io.hookline.schemas.avro.Principal;
import io.hookline.schemas.avro.PrincipalCommand;
import io.hookline.schemas.avro.PrincipalOutcome;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * First start of the embedded default: when team {@code default} has no user yet, creates its owner,
 * writes the API key to the key file (mode 0600) and prints it once. Runs before the HTTP server
 * opens, so the key works as soon as the port answers. Later starts only say where the key is. The owner
 * is created as every user is, by a command to the one writer of {@code hookline.principals} (this
 * gateway's own owner loop, or another instance's), so two instances starting at once create one owner.
 */
public final class OwnerBootstrap implements SmartLifecycle {

    public static final String TEAM = "default";
    static final String EMAIL = "owner@localhost";
    private static final Logger log = LoggerFactory.getLogger(OwnerBootstrap.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final boolean enabled;
    private final OwnerKeyFile keyFile;
    private final TopicView<Principal> principals;
    private final Commander<PrincipalCommand, Principal, PrincipalOutcome> principalCommander;
    private final Clock clock;
    private final PrintStream out;
    private final int phase;
    private volatile Optional<String> ownerKey = Optional.empty();
    private volatile boolean running;

    public OwnerBootstrap(boolean enabled, java.nio.file.Path keyFile, TopicView<Principal> principals,
            Commander<PrincipalCommand, Principal, PrincipalOutcome> principalCommander, Clock clock, PrintStream out, int phase) {
        this.enabled = enabled;
        this.keyFile = new OwnerKeyFile(keyFile);
        this.principals = principals;
        this.principalCommander = principalCommander;
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
        try {
            principalCommander.ask(PrincipalCommands.createTeam(owner, "bootstrap", clock.instant()), READY_TIMEOUT).block();
        } catch (ApiException conflict) { // another instance created the team's owner at the same instant: its key is the one
            out.println("Hookline: team '" + TEAM + "' has an owner, created by another instance just now (" + conflict.getMessage() + ")");
            return;
        }
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
