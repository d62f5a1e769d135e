package io.hookline.standalone.cli;

import io.hookline.schemas.avro.AuditAction;
import io.hookline.schemas.avro.AuditResourceType;
import io.hookline.schemas.avro.Principal;
import io.hookline.schemas.principal.Credentials;
import io.hookline.schemas.principal.Role;
import io.hookline.schemas.principal.UserView;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code hookline users create}: adds an admin or member to an existing team, writing the user
 * straight to Kafka with its audit entry, and prints the new API key once. The key alone goes to standard output (so
 * {@code KEY=$(hookline users create …)} works); what happened goes to standard error.
 */
public final class UsersCommand {

    static final String USAGE = """
            Usage: hookline users create --email <address> --role admin|member [--team default] [--bootstrap-servers host:port]
              Creates a user in the team and prints their API key (shown once; only its hash is stored).
              Kafka: --bootstrap-servers, else KAFKA_BOOTSTRAP_SERVERS, else localhost:9092 (the broker of `hookline up`).""";

    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Set<String> OPTIONS = Set.of("email", "role", "team", "bootstrap-servers");

    private final Clock clock;
    private final PrintStream out;
    private final PrintStream err;

    public UsersCommand(Clock clock, PrintStream out, PrintStream err) {
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        Cli.run(() -> new UsersCommand(Clock.systemUTC(), System.out, System.err).run(args));
    }

    /** @return the new user's API key, or null when only the usage was asked for */
    public String run(String[] args) {
        if (Cli.wantsHelp(args)) {
            out.println(USAGE);
            return null;
        }
        if (args.length == 0 || !args[0].equals("create")) {
            throw new CliException("expected `users create`\n" + USAGE);
        }
        CliArgs options = CliArgs.parse(java.util.Arrays.copyOfRange(args, 1, args.length), OPTIONS, Set.of());
        String email = email(options.required("email"));
        Role role = switch (options.required("role")) {
            case "admin" -> Role.ADMIN;
            case "member" -> Role.MEMBER;
            default -> throw new CliException("--role must be admin or member (a team's owner comes with `hookline teams create`)");
        };
        String team = options.get("team", "default");
        PrincipalStore store = new PrincipalStore(options.bootstrapServers());
        List<Principal> users = store.all();
        if (users.stream().noneMatch(p -> p.getTeamId().equals(team))) {
            throw new CliException("team '" + team + "' does not exist; create it with `hookline teams create --name " + team + "`");
        }
        if (users.stream().anyMatch(p -> p.getTeamId().equals(team) && p.getEmail().equalsIgnoreCase(email))) {
            throw new CliException("team '" + team + "' already has a user with email " + email);
        }
        Credentials.Issued issued = Credentials.newUser(team, email, role, clock.instant());
        store.create(issued.principal());
        audited(options.bootstrapServers(), clock, "hookline users create", issued);
        err.println("Created " + role.wire() + " " + issued.principal().getUserId() + " (" + email + ") in team '" + team
                + "'. API key (shown once):");
        out.println(issued.key().value());
        return issued.key().value();
    }

    /** Writes the audit entry of a user the CLI created, as the gateway's {@code POST /v4/users} does. */
    static void audited(String bootstrapServers, Clock clock, String command, Credentials.Issued issued) {
        try (CliAudit audit = new CliAudit(bootstrapServers, clock, command)) {
            audit.changed(issued.principal().getTeamId(), AuditAction.CREATE, AuditResourceType.USER, issued.principal().getUserId(),
                    null, UserView.of(issued.principal()));
        }
    }

    static String email(String text) {
        if (text.length() > 254 || !EMAIL.matcher(text).matches()) {
            throw new CliException("--email must be an email address, not " + text);
        }
        return text;
    }
}
