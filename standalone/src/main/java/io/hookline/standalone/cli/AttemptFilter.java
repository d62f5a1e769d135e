package io.hookline.standalone.cli;

import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.states.AttemptStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** Which delivery attempts a {@code log} or {@code replay} is about: a time window and optional filters. */
record AttemptFilter(Instant from, Instant to, String webhookId, String status, String eventType) {

    static final Set<String> OPTIONS = Set.of("from", "to", "webhook", "status", "event", "bootstrap-servers");
    private static final Set<String> STATUSES = AttemptStatus.wires();

    static AttemptFilter from(CliArgs args, Instant now) {
        Instant from = args.instant("from", null);
        if (from == null) {
            throw new CliException("--from is required (RFC 3339, e.g. " + now.minus(Duration.ofHours(1)) + ")");
        }
        Instant to = args.instant("to", now);
        if (!to.isAfter(from)) {
            throw new CliException("--to must be after --from");
        }
        String status = args.get("status");
        if (status != null && !STATUSES.contains(status)) {
            throw new CliException("--status must be one of " + STATUSES);
        }
        return new AttemptFilter(from, to, args.get("webhook"), status, args.get("event"));
    }

    boolean inWindow(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }

    boolean matchesIgnoringStatus(DeliveryAttempt a) {
        return inWindow(a.getAttemptedAt())
                && (webhookId == null || webhookId.equals(a.getWebhookId()))
                && (eventType == null || eventType.equals(a.getEventType()));
    }

    boolean matches(DeliveryAttempt a) {
        return matchesIgnoringStatus(a) && (status == null || status.equals(a.getStatus().name()));
    }
}
