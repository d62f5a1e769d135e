package io.hookline.gateway.deliverylog;

import io.hookline.gateway.web.Cursor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One page of a webhook's delivery list: newest first, filtered, from a cursor. The index's deliveries
 * and the queued ones it does not know yet (their place: when they were routed) are merged in order;
 * a queued task changes the row of a delivery the index knows by the rule of {@link QueuedRows}.
 */
final class DeliveryPages {

    /**
     * Deliveries one page looks at, at most: a filter that few deliveries match would otherwise read
     * the whole list for one page. A page that stops here has fewer rows and a cursor to go on from.
     */
    static final int MAX_SCANNED = 1_000;

    private DeliveryPages() {
    }

    /** A page without the deliverer's backlog: the index alone. */
    static DeliveryPage page(DeliveryIndex index, String webhookId, String status, String event, Optional<Instant> since,
            Optional<Instant> until, Optional<Cursor> after, int size, int maxScanned) {
        return page(index, webhookId, Map.of(), false, status, event, since, until, after, size, maxScanned);
    }

    /**
     * @param queued     the webhook's tasks in the deliverer's backlog, by delivery id (this team's only)
     * @param queuedCut  whether that backlog was read only in part
     */
    static DeliveryPage page(DeliveryIndex index, String webhookId, Map<String, QueuedTask> queued, boolean queuedCut, String status,
            String event, Optional<Instant> since, Optional<Instant> until, Optional<Cursor> after, int size, int maxScanned) {
        // start below both the cursor and the upper time bound (the list is newest first)
        Optional<DeliveryKey> start = after.map(c -> new DeliveryKey(c.createdAt(), c.id()));
        if (until.isPresent()) {
            DeliveryKey bound = new DeliveryKey(until.get().plusNanos(1), "");
            start = start.filter(s -> s.compareTo(bound) < 0).or(() -> Optional.of(bound));
        }
        Optional<DeliveryKey> below = start;
        // queued deliveries the index has no record of: their place is the time they were routed
        List<Map.Entry<DeliveryKey, String>> unlisted = queued.values().stream()
                .filter(task -> !index.listed(task.deliveryId()))
                .map(task -> Map.entry(new DeliveryKey(task.routedAt(), task.deliveryId()), task.deliveryId()))
                .filter(entry -> below.isEmpty() || entry.getKey().compareTo(below.get()) < 0)
                .sorted(Map.Entry.<DeliveryKey, String>comparingByKey().reversed())
                .toList();
        Iterator<Map.Entry<DeliveryKey, String>> entries = merged(index.deliveries(webhookId, start).iterator(), unlisted.iterator());
        List<DeliveryJson.Row> rows = new ArrayList<>();
        DeliveryKey last = null;
        boolean more = false;
        int scanned = 0;
        while (entries.hasNext()) {
            Map.Entry<DeliveryKey, String> entry = entries.next();
            if (since.isPresent() && entry.getKey().firstAttemptAt().isBefore(since.get())) {
                break;
            }
            if (scanned++ == maxScanned) {
                more = true;
                break;
            }
            DeliveryJson.Row row = QueuedRows.row(index.attempts(entry.getValue()), queued.get(entry.getValue()));
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
        return new DeliveryPage(true, rows, next, queuedCut);
    }

    /** Two newest-first sequences as one, newest first. */
    private static Iterator<Map.Entry<DeliveryKey, String>> merged(Iterator<Map.Entry<DeliveryKey, String>> a,
            Iterator<Map.Entry<DeliveryKey, String>> b) {
        Comparator<Map.Entry<DeliveryKey, String>> order = Map.Entry.comparingByKey();
        return new Iterator<>() {
            private Map.Entry<DeliveryKey, String> nextA = a.hasNext() ? a.next() : null;
            private Map.Entry<DeliveryKey, String> nextB = b.hasNext() ? b.next() : null;

            @Override
            public boolean hasNext() {
                return nextA != null || nextB != null;
            }

            @Override
            public Map.Entry<DeliveryKey, String> next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                boolean takeA = nextB == null || (nextA != null && order.compare(nextA, nextB) >= 0);
                Map.Entry<DeliveryKey, String> taken = takeA ? nextA : nextB;
                if (takeA) {
                    nextA = a.hasNext() ? a.next() : null;
                } else {
                    nextB = b.hasNext() ? b.next() : null;
                }
                return taken;
            }
        };
    }
}
