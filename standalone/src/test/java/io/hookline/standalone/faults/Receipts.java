package io.hookline.standalone.faults;

import io.hookline.standalone.HooklineClient;
import io.hookline.testsupport.ReceivedRequest;
import io.hookline.testsupport.TestReceiver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the receivers got, indexed as it arrives: per delivery id its first arrival, how often and with
 * which bodies; per webhook the order of first arrivals (for FIFO). Only the load's events count
 * ({@code x-define-event} of the load's types), not the verification at a webhook's creation.
 */
final class Receipts {

    record First(String webhookId, long seq, Instant at) {
    }

    private final TestReceiver receiver;
    private final String typePrefix;
    private final Map<String, First> firsts = new HashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();
    private final Map<String, Set<String>> bodies = new HashMap<>();
    private final Map<String, List<Long>> firstSeqsByWebhook = new HashMap<>();
    private final Map<String, Long> maxSeqByWebhook = new HashMap<>();
    private int read;

    Receipts(TestReceiver receiver, String typePrefix) {
        this.receiver = receiver;
        this.typePrefix = typePrefix;
    }

    /** Reads what arrived since the last call (the receiver's list only grows). */
    synchronized Receipts refresh() {
        List<ReceivedRequest> all = receiver.requests();
        for (; read < all.size(); read++) {
            ReceivedRequest request = all.get(read);
            String type = request.headers().get("x-define-event");
            if (type == null || !type.startsWith(typePrefix)) {
                continue;
            }
            String id = request.headers().get("webhook-id");
            counts.merge(id, 1, Integer::sum);
            bodies.computeIfAbsent(id, k -> new HashSet<>()).add(request.body());
            if (!firsts.containsKey(id)) {
                var body = HooklineClient.parse(request.body());
                String webhookId = body.path("webhook_id").asString();
                long seq = body.path("data").path("seq").asLong();
                firsts.put(id, new First(webhookId, seq, request.receivedAt()));
                firstSeqsByWebhook.computeIfAbsent(webhookId, k -> new ArrayList<>()).add(seq);
                maxSeqByWebhook.merge(webhookId, seq, Math::max);
            }
        }
        return this;
    }

    synchronized boolean received(String deliveryId) {
        return firsts.containsKey(deliveryId);
    }

    synchronized First first(String deliveryId) {
        return firsts.get(deliveryId);
    }

    synchronized int count(String deliveryId) {
        return counts.getOrDefault(deliveryId, 0);
    }

    /** Delivery ids that arrived with more than one body. */
    synchronized List<String> withTwoBodies() {
        return bodies.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).toList();
    }

    /** The sequence numbers of a webhook's events in the order they first arrived. */
    synchronized List<Long> firstSeqs(String webhookId) {
        return List.copyOf(firstSeqsByWebhook.getOrDefault(webhookId, List.of()));
    }

    /** The highest sequence number that has arrived at this webhook (-1: none). */
    synchronized long maxSeq(String webhookId) {
        return maxSeqByWebhook.getOrDefault(webhookId, -1L);
    }
}
