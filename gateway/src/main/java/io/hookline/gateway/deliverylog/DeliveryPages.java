package io.hookline.gateway.deliverylog;

import io.hookline.gateway.web.Cursor;
import io.hookline.gateway.web.Envelope;
import io.hookline.schemas.avro.DeliveryAttempt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One page of a webhook's delivery list: newest first, filtered, from a cursor. */
final class DeliveryPages {

    /**
     * Deliveries one page looks at, at most: a filter that few deliveries match would otherwise read
     * the whole list for one page. A page that stops here has fewer rows and a cursor to go on from.
     */
    static final int MAX_SCANNED = 1_000;

    private DeliveryPages() {
    }

    static Envelope.Page<DeliveryJson.Row> page(DeliveryIndex index, String webhookId, String status, String event, Optional<Instant> since,
            Optional<Instant> until, Optional<Cursor> after, int size, int maxScanned) {
        // start below both the cursor and the upper time bound (the list is newest first)
        Optional<DeliveryKey> start = after.map(c -> new DeliveryKey(c.createdAt(), c.id()));
        if (until.isPresent()) {
            DeliveryKey bound = new DeliveryKey(until.get().plusNanos(1), "");
            start = start.filter(s -> s.compareTo(bound) < 0).or(() -> Optional.of(bound));
        }
        List<DeliveryJson.Row> rows = new ArrayList<>();
        DeliveryKey last = null;
        boolean more = false;
        int scanned = 0;
        for (Map.Entry<DeliveryKey, String> entry : index.deliveries(webhookId, start)) {
            if (since.isPresent() && entry.getKey().firstAttemptAt().isBefore(since.get())) {
                break;
            }
            if (scanned++ == maxScanned) {
                more = true;
                break;
            }
            List<DeliveryAttempt> attempts = index.attempts(entry.getValue());
            DeliveryJson.Row row = attempts.isEmpty() ? null : DeliveryJson.Row.of(attempts);
            if (row == null || (status != null && !status.equals(row.status())) || (event != null && !event.equals(row.eventType()))) {
                last = entry.getKey();
                continue;
            }
            if (rows.size() == size) {
                more = true;
                break;
            }
            rows.add(row);
            last = entry.getKey();
        }
        String next = more ? new Cursor(last.firstAttemptAt(), last.deliveryId()).encode() : null;
        return Envelope.page(rows, next);
    }
}
