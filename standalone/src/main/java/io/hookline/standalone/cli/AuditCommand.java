package io.hookline.standalone.cli;

import io.hookline.schemas.avro.AuditEntry;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code hookline audit}: prints the audit log of a time window, oldest first, as JSON lines (the API's
 * shape, with the team) or as text (one line per entry, with the fields that changed), reading
 * {@code hookline.audit-log} directly from any cluster. Secrets were redacted when the entries were written.
 */
public final class AuditCommand {

    static final String USAGE = """
            Usage: hookline audit [--from <time>] [--to <time>] [--team <team id>] [--actor <user id|deliverer>]
                                  [--resource <type|id>] [--format json|text] [--bootstrap-servers host:port]
              Prints every audit entry in [from, to) (RFC 3339 times; --from defaults to 7 days ago, --to to now),
              oldest first. --resource is a type (webhook, secret, event_type, doc, user, api_key, portal_link) or an id.""";

    static final Set<String> FORMATS = Set.of("json", "text");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Clock clock;
    private final PrintStream out;

    public AuditCommand(Clock clock, PrintStream out) {
        this.clock = clock;
        this.out = out;
    }

    public static void main(String[] args) {
        Cli.run(() -> new AuditCommand(Clock.systemUTC(), System.out).run(args));
    }

    /** @return the number of entries printed */
    public int run(String[] args) {
        if (Cli.wantsHelp(args)) {
            out.println(USAGE);
            return 0;
        }
        CliArgs options = CliArgs.parse(args, Set.of("from", "to", "team", "actor", "resource", "format", "bootstrap-servers"), Set.of());
        Instant now = clock.instant();
        Instant from = options.instant("from", now.minus(Duration.ofDays(7)));
        Instant to = options.instant("to", now);
        if (!to.isAfter(from)) {
            throw new CliException("--to must be after --from");
        }
        String format = options.get("format", "json");
        if (!FORMATS.contains(format)) {
            throw new CliException("--format must be json or text");
        }
        String actor = options.get("actor");
        String resource = options.get("resource");
        List<AuditEntry> entries = new AuditLogReader(options.bootstrapServers()).read(from, to, options.get("team"),
                e -> (actor == null || actor.equals(e.getActorId()))
                        && (resource == null || resource.equals(e.getResourceId()) || resource.equals(lower(e.getResourceType().name()))));
        for (AuditEntry entry : entries) {
            out.println(format.equals("json") ? json(entry) : text(entry));
        }
        out.flush();
        return entries.size();
    }

    static String json(AuditEntry e) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", e.getEntryId());
        node.put("at", e.getAt().toString());
        node.put("teamId", e.getTeamId());
        ObjectNode actor = node.putObject("actor");
        actor.put("type", lower(e.getActorType().name()));
        actor.put("id", e.getActorId());
        actor.put("role", e.getActorRole() == null ? null : e.getActorRole().name());
        actor.put("keyId", e.getKeyId());
        actor.put("via", lower(e.getChannel().name()));
        node.put("action", lower(e.getAction().name()));
        ObjectNode resource = node.putObject("resource");
        resource.put("type", lower(e.getResourceType().name()));
        resource.put("id", e.getResourceId());
        node.put("requestId", e.getRequestId());
        node.put("reason", e.getReason());
        node.set("before", e.getBefore() == null ? null : JSON.readTree(e.getBefore()));
        node.set("after", e.getAfter() == null ? null : JSON.readTree(e.getAfter()));
        return JSON.writeValueAsString(node);
    }

    /** {@code <at> <team> <actor> (<role>, <via>) <action> <type> <id> [request] [reason]: field before → after, …} */
    static String text(AuditEntry e) {
        StringBuilder line = new StringBuilder().append(e.getAt()).append(' ').append(e.getTeamId()).append(' ').append(e.getActorId())
                .append(" (").append(e.getActorRole() == null ? lower(e.getActorType().name()) : e.getActorRole()).append(", ")
                .append(lower(e.getChannel().name())).append(") ").append(lower(e.getAction().name())).append(' ')
                .append(lower(e.getResourceType().name())).append(' ').append(e.getResourceId());
        if (e.getRequestId() != null) {
            line.append(" request ").append(e.getRequestId());
        }
        if (e.getReason() != null) {
            line.append(" because ").append(e.getReason());
        }
        List<String> changes = changes(e.getBefore() == null ? null : JSON.readTree(e.getBefore()),
                e.getAfter() == null ? null : JSON.readTree(e.getAfter()));
        if (!changes.isEmpty()) {
            line.append(": ").append(String.join(", ", changes));
        }
        return line.toString();
    }

    /** The top-level fields whose value differs, as {@code name before → after} (compact JSON). */
    private static List<String> changes(JsonNode before, JsonNode after) {
        Set<String> names = new TreeSet<>();
        if (before != null) {
            names.addAll(before.propertyNames());
        }
        if (after != null) {
            names.addAll(after.propertyNames());
        }
        List<String> changes = new ArrayList<>();
        for (String name : names) {
            JsonNode was = before == null ? null : before.get(name);
            JsonNode is = after == null ? null : after.get(name);
            if (!Objects.equals(was, is)) {
                changes.add(name + " " + compact(was) + " → " + compact(is));
            }
        }
        return changes;
    }

    private static String compact(JsonNode node) {
        return node == null ? "-" : JSON.writeValueAsString(node);
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
