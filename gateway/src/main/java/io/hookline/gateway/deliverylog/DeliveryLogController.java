package io.hookline.gateway.deliverylog;

import io.hookline.gateway.auth.Caller;
import io.hookline.gateway.web.ApiException;
import io.hookline.gateway.web.Cursor;
import io.hookline.gateway.web.Envelope;
import io.hookline.gateway.web.PageLimit;
import io.hookline.gateway.web.Problems;
import io.hookline.gateway.web.QueryTime;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.states.AttemptStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /v4/webhooks/{id}/deliveries} (newest first, filtered, cursor-paged) and
 * {@code GET /v4/webhooks/{id}/deliveries/{deliveryId}}, read from the {@link DeliveryIndex} and, for
 * what may be pending, the deliverer's backlog ({@link DeliveryBacklog}): a blocking read, so on a
 * worker thread, never the event loop.
 */
@RestController
public class DeliveryLogController {

    static final Set<String> STATUSES = AttemptStatus.wires();

    private final DeliveryIndex index;
    private final LogAccess access;
    private final DeliveryBacklog backlog;

    DeliveryLogController(DeliveryIndex index, LogAccess access, DeliveryBacklog backlog) {
        this.index = index;
        this.access = access;
        this.backlog = backlog;
    }

    @GetMapping("/v4/webhooks/{id}/deliveries")
    public Mono<DeliveryPage> list(ServerWebExchange exchange, @PathVariable String id,
            @RequestParam(required = false) String status, @RequestParam(required = false) String event,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) String limit) {
        Caller caller = Caller.of(exchange);
        Problems problems = new Problems();
        if (status != null && !STATUSES.contains(status)) {
            problems.add("status", "must be one of failed, pending, retrying, skipped, succeeded");
        }
        Optional<Instant> since = time("from", from, problems);
        Optional<Instant> until = time("to", to, problems);
        int size = PageLimit.parse(limit, problems);
        Optional<Cursor> after = Optional.empty();
        if (cursor != null && !cursor.isEmpty()) {
            try {
                after = Optional.of(Cursor.decode(cursor));
            } catch (ApiException e) {
                problems.addAll(e.details());
            }
        }
        problems.throwIfAny();
        Optional<Cursor> position = after;
        // only a list that may show pending deliveries reads the backlog: for the others it changes nothing but a re-delivery's row
        boolean withQueued = status == null || DeliveryIndex.PENDING.equals(status);
        return ready(caller, id).then(Mono.fromCallable(() -> {
            Backlog queued = withQueued ? backlog.of(id) : Backlog.EMPTY;
            return DeliveryPages.page(index, id, queued.of(id, caller.teamId()), queued.cut(), status, event, since, until, position, size,
                    DeliveryPages.MAX_SCANNED);
        }).subscribeOn(Schedulers.boundedElastic()));
    }

    @GetMapping("/v4/webhooks/{id}/deliveries/{deliveryId}")
    public Mono<Envelope.Success<DeliveryJson.Detail>> get(ServerWebExchange exchange, @PathVariable String id,
            @PathVariable String deliveryId) {
        Caller caller = Caller.of(exchange);
        return ready(caller, id).then(Mono.fromCallable(() -> {
            List<DeliveryAttempt> attempts = index.attempts(deliveryId);
            if (!attempts.isEmpty() && !attempts.get(0).getWebhookId().equals(id)) {
                throw ApiException.notFound();
            }
            DeliveryJson.Detail detail = QueuedRows.detail(attempts, backlog.of(id).of(id, caller.teamId()).get(deliveryId));
            if (detail == null) {
                throw ApiException.notFound();
            }
            return Envelope.of(detail);
        }).subscribeOn(Schedulers.boundedElastic()));
    }

    /** 404 unless the webhook is the caller team's and not deleted; waits for the index to hold the log as it was at start-up. */
    private Mono<Void> ready(Caller caller, String webhookId) {
        return access.webhook(caller, webhookId).filter(w -> !LogAccess.deleted(w)).switchIfEmpty(Mono.error(ApiException::notFound)).then();
    }

    static Optional<Instant> time(String field, String text, Problems problems) {
        return QueryTime.parse(field, text, problems);
    }
}
