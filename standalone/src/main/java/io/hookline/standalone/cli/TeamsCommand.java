package io.hookline.standalone.cli;

import io.hookline.schemas.principal.Credentials;
import io.hookline.schemas.principal.Role;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code hookline teams create}: a new team is its first user, the owner, written straight to Kafka with its
 * audit entry;
 * the owner's API key is printed once (alone on standard output, the rest on standard error).
 */
public final class TeamsCommand {

    static final String USAGE = """
            Usage: hookline teams create --name <team> [--email <owner's address>] [--bootstrap-servers host:port]
              Creates the team with its owner and prints the owner's API key (shown once; only its hash is stored).
              Team names: 1 to 63 of a-z, 0-9, '-', '_', '.', starting with a letter or digit.
              Kafka: --bootstrap-servers, else KAFKA_BOOTSTRAP_SERVERS, else localhost:9092 (the broker of `hookline up`).""";

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Set<String> OPTIONS = Set.of("name", "email", "bootstrap-servers");

    private final Clock clock;
    private final PrintStream out;
    private final PrintStream err;

    public TeamsCommand(Clock clock, PrintStream out, PrintStream err) {
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        Cli.run(() -> new TeamsCommand(Clock.systemUTC(), System.out, System.err).run(args));
    }

    /** @return the owner's API key, or null when only the usage was asked for */
    public String run(String[] args) {
        if (Cli.wantsHelp(args)) {
            out.println(USAGE);
            return null;
        }
        if (args.length == 0 || !args[0].equals("create")) {
            throw new CliException("expected `teams create`\n" + USAGE);
        }
        CliArgs options = CliArgs.parse(Arrays.copyOfRange(args, 1, args.length), OPTIONS, Set.of());
        String name = options.required("name");
        if (!NAME.matcher(name).matches()) {
            throw new CliException("--name must be 1 to 63 of a-z, 0-9, '-', '_', '.', starting with a letter or digit, not " + name);
        }
        String email = UsersCommand.email(options.get("email", "owner@" + name + ".localhost"));
        PrincipalStore store = new PrincipalStore(options.bootstrapServers());
        if (store.all().stream().anyMatch(p -> p.getTeamId().equals(name))) {
            throw new CliException("team '" + name + "' already exists");
        }
        Credentials.Issued issued = Credentials.newUser(name, email, Role.OWNER, clock.instant());
        store.createTeam(issued.principal());
        UsersCommand.audited(options.bootstrapServers(), clock, "hookline teams create", issued);
        err.println("Created team '" + name + "' with owner " + issued.principal().getUserId() + " (" + email + "). API key (shown once):");
        out.println(issued.key().value());
        return issued.key().value();
    }
}
