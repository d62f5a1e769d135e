package io.hookline.standalone.cli;

import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topic;
import io.hookline.schemas.topics.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;

/**
 * {@code hookline topics}: the catalog's topics as they are on the cluster, and their retention
 * changed in place (e.g. keep the delivery log 90 days instead of 30).
 */
public final class TopicsCommand {

    static final String USAGE = """
            Usage: hookline topics list [--bootstrap-servers host:port]
                   hookline topics retention --topic <name> --retention <duration, e.g. 90d, 12h> [--bootstrap-servers host:port]
              list shows each catalog topic's partitions, cleanup policy and retention on the cluster;
              retention changes a topic's retention.ms in place (applies to data already there).""";

    private final PrintStream out;

    public TopicsCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        Cli.run(() -> new TopicsCommand(System.out).run(args));
    }

    public void run(String[] args) {
        if (args.length == 0 || Cli.wantsHelp(args)) {
            out.println(USAGE);
            return;
        }
        String[] options = java.util.Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "list" -> list(CliArgs.parse(options, Set.of("bootstrap-servers"), Set.of()));
            case "retention" -> retention(CliArgs.parse(options, Set.of("topic", "retention", "bootstrap-servers"), Set.of()));
            default -> throw new CliException("Unknown topics command " + args[0] + "\n" + USAGE);
        }
    }

    private void list(CliArgs options) {
        try (Admin admin = Admin.create(new KafkaConnection(options.bootstrapServers()).admin())) {
            List<String> names = Topics.all().stream().map(Topic::name).toList();
            Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get(15, TimeUnit.SECONDS);
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources(names)).all().get(15, TimeUnit.SECONDS);
            out.printf("%-28s %10s  %-14s %s%n", "topic", "partitions", "cleanup", "retention");
            for (String name : names) {
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
                long retentionMs = Long.parseLong(config.get("retention.ms").value());
                String cleanup = config.get("cleanup.policy").value();
                // a compacted-only topic keeps the latest record of every key; retention.ms does not apply
                String retention = !cleanup.contains("delete") ? "latest per key" : retentionMs < 0 ? "forever" : human(Duration.ofMillis(retentionMs));
                out.printf("%-28s %10d  %-14s %s%n", name, descriptions.get(name).partitions().size(), cleanup, retention);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new CliException("Cannot describe the topics (are they created? run ./hookline up once): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    private void retention(CliArgs options) {
        String topic = options.required("topic");
        if (Topics.all().stream().noneMatch(t -> t.name().equals(topic))) {
            throw new CliException("--topic must be one of the catalog's topics: " + Topics.all().stream().map(Topic::name).toList());
        }
        Duration retention = duration(options.required("retention"));
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        AlterConfigOp op = new AlterConfigOp(new ConfigEntry("retention.ms", Long.toString(retention.toMillis())), AlterConfigOp.OpType.SET);
        try (Admin admin = Admin.create(new KafkaConnection(options.bootstrapServers()).admin())) {
            admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all().get(15, TimeUnit.SECONDS);
            out.printf("%s now keeps records for %s (brokers apply it within seconds)%n", topic, human(retention));
        } catch (ExecutionException | TimeoutException e) {
            throw new CliException("Cannot change the retention of " + topic + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    /** {@code 90d}, {@code 12h}, {@code 30m} or an ISO-8601 duration such as {@code P90D}. */
    static Duration duration(String text) {
        try {
            if (text.matches("\\d+[dhm]")) {
                long n = Long.parseLong(text.substring(0, text.length() - 1));
                return switch (text.charAt(text.length() - 1)) {
                    case 'd' -> Duration.ofDays(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofMinutes(n);
                };
            }
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new CliException("--retention must look like 90d, 12h, 30m or P90D, not " + text);
        }
    }

    /** 30d, 12h, 45m, or the ISO form for anything finer. */
    static String human(Duration d) {
        if (d.toMinutes() * 60_000 != d.toMillis()) {
            return d.toString();
        }
        long minutes = d.toMinutes();
        return minutes % 1440 == 0 ? minutes / 1440 + "d" : minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "m";
    }

    private static Collection<ConfigResource> resources(List<String> names) {
        return names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
    }
}
