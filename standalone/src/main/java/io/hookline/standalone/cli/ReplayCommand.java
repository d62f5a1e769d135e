package io.hookline.standalone.cli;

import io.hookline.schemas.Redelivery;
import io.hookline.schemas.avro.AuditAction;
import io.hookline.schemas.avro.AuditResourceType;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.Webhook;
import io.hookline.schemas.states.WebhookStatus;
import io.hookline.schemas.topics.KafkaConnection;
import io.hookline.schemas.topics.Topics;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code hookline replay}: re-delivers the deliveries whose latest attempt in a time window matches
 * the filters, as new attempts with trigger {@code manual} and the same {@code delivery_id}, signed
 * with the webhook's current secrets, each with its audit entry (as the API's redeliver writes it).
 * {@code --dry-run} only lists them and changes nothing, so it is not audited.
 */
public final class ReplayCommand {

    static final String USAGE = """
            Usage: hookline replay --from <time> [--to <time>] [--webhook wh_…] [--status failed|…] [--event <type>]
                                   [--dry-run] [--force] [--bootstrap-servers host:port]
              Re-delivers every delivery whose latest attempt in [from, to) matches (trigger manual, same delivery_id).
              A window over 14 days needs --force.""";

    static final Duration MAX_WINDOW = Duration.ofDays(14);

    /** What a replay did: deliveries matched, queued, and skipped with the reason. */
    public record Summary(int matched, int queued, Map<String, Integer> skipped) {
    }

    private final Clock clock;
    private final PrintStream out;

    public ReplayCommand(Clock clock, PrintStream out) {
        this.clock = clock;
        this.out = out;
    }

    public static void main(String[] args) {
        Cli.run(() -> new ReplayCommand(Clock.systemUTC(), System.out).run(args));
    }

    public Summary run(String[] args) {
        if (Cli.wantsHelp(args)) {
            out.println(USAGE);
            return new Summary(0, 0, Map.of());
        }
        CliArgs options = CliArgs.parse(args, AttemptFilter.OPTIONS, Set.of("dry-run", "force"));
        AttemptFilter filter = AttemptFilter.from(options, clock.instant());
        if (Duration.between(filter.from(), filter.to()).compareTo(MAX_WINDOW) > 0 && !options.flag("force")) {
            throw new CliException("the window is longer than 14 days; narrow it or add --force");
        }
        Map<String, DeliveryAttempt> latest = new LinkedHashMap<>();
        new DeliveryLogReader(options.bootstrapServers()).read(filter.from(), filter.to(), attempt -> {
            if (filter.matchesIgnoringStatus(attempt)) {
                latest.merge(attempt.getDeliveryId(), attempt, (a, b) -> LATEST.compare(a, b) >= 0 ? a : b);
            }
        }, Cli.progress());
        List<DeliveryAttempt> chosen = latest.values().stream()
                .filter(a -> filter.status() == null || filter.status().equals(a.getStatus().name()))
                .sorted(Comparator.comparing(DeliveryAttempt::getAttemptedAt)).toList();

        Map<String, Webhook> webhooks = new WebhookStates(options.bootstrapServers()).read();
        Map<String, Integer> skipped = new TreeMap<>();
        int queued = 0;
        boolean dryRun = options.flag("dry-run");
        try (KafkaProducer<String, DeliveryTask> producer = dryRun ? null : new KafkaProducer<>(
                new KafkaConnection(options.bootstrapServers()).producer("hookline-replay"), new StringSerializer(),
                Topics.DELIVERIES.valueSerde().serializer());
             CliAudit audit = dryRun ? null : new CliAudit(options.bootstrapServers(), clock, "hookline replay " + String.join(" ", args))) {
            for (DeliveryAttempt attempt : chosen) {
                Webhook webhook = webhooks.get(attempt.getWebhookId());
                String refusal = webhook == null || WebhookStatus.DELETED.is(webhook.getStatus()) ? "webhook deleted"
                        : !webhook.getEnabled() ? "webhook disabled" : null;
                if (refusal != null) {
                    skipped.merge(refusal, 1, Integer::sum);
                    out.printf("skip   %s %s %s (%s)%n", attempt.getDeliveryId(), attempt.getWebhookId(), attempt.getEventType(), refusal);
                    continue;
                }
                out.printf("%s %s %s %s (was %s)%n", dryRun ? "would  " : "queued ", attempt.getDeliveryId(),
                        attempt.getWebhookId(), attempt.getEventType(), attempt.getStatus());
                if (!dryRun) {
                    DeliveryTask task = task(attempt, webhook);
                    producer.send(new ProducerRecord<>(Topics.DELIVERIES.name(), webhook.getId(), task)).get();
                    audit.changed(webhook.getTenantId(), AuditAction.REDELIVER, AuditResourceType.WEBHOOK, webhook.getId(), null,
                            Redelivery.audited(task));
                }
                queued++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        } catch (ExecutionException e) {
            throw new CliException("Kafka refused a re-delivery: " + e.getCause().getMessage());
        }
        Summary summary = new Summary(chosen.size(), dryRun ? 0 : queued, skipped);
        out.printf("%d deliveries matched, %d %s, %d skipped%s%n", summary.matched(), dryRun ? queued : summary.queued(),
                dryRun ? "would be re-delivered (dry run)" : "queued for re-delivery",
                skipped.values().stream().mapToInt(Integer::intValue).sum(), skipped.isEmpty() ? "" : " " + skipped);
        return summary;
    }

    private static final Comparator<DeliveryAttempt> LATEST = Comparator.comparing(DeliveryAttempt::getAttemptedAt)
            .thenComparingInt(DeliveryAttempt::getAttempt);

    /** A new task for the delivery: the original event, the webhook's current URL and secrets. */
    private DeliveryTask task(DeliveryAttempt attempt, Webhook webhook) {
        try {
            return Redelivery.task(attempt, webhook, clock.instant());
        } catch (IllegalArgumentException e) {
            throw new CliException("a logged request body is not a Hookline delivery body: " + attempt.getDeliveryId());
        }
    }
}
