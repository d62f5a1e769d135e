package io.hookline.standalone.faults;

import static org.awaitility.Awaitility.await;

import io.hookline.schemas.Ids;
import io.hookline.schemas.avro.DeliveryAttempt;
import io.hookline.schemas.avro.DeliveryTask;
import io.hookline.schemas.avro.Execution;
import io.hookline.schemas.topics.Topics;
import io.hookline.standalone.faults.Platform.Role;
import io.hookline.testsupport.TestReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 12's fault test, on any cluster: the platform as eight processes, the load, and during it kill -9
 * of one deliverer, router, gateway and executor, one broker stopped, then everything started again;
 * afterwards what reached the receivers, the delivery log, the execution log and the routed tasks.
 */
final class FaultScenario {

    /** A Kafka cluster one of whose brokers can be stopped and started again. */
    interface Cluster {
        String bootstrapServers();

        void stopBroker(int id);

        void startBroker(int id);
    }

    /**
     * The size of a run: at least {@code minEvents} events at {@code eventsPerSecond}, the faults injected meanwhile;
     * then, if {@code throughputBurst} is positive, bursts of that many events with two deliverers and with one.
     */
    record Size(int minEvents, int eventsPerSecond, int throughputBurst, List<String> jvmOptions) {
    }

    /** What a run found; the test asserts on it, the bench-style run prints it. */
    /** The delivery id of a record that is an attempt; null for a pending record, which is none. */
    private static String attemptOf(DeliveryAttempt record) {
        return record.getStatus().name().equals("pending") ? null : record.getDeliveryId();
    }

    /** A first attempt's task as the deliveries topic holds it, with its record's timestamp. */
    record Routed(DeliveryTask task, long timestamp) {
    }

    record Report(String guarantee, List<Expected> expected, Receipts receipts, Map<String, List<DeliveryAttempt>> attempts,
            Map<String, List<Routed>> routed, List<FaultLoad.ExecuteOutcome> executions, Map<String, List<Execution>> executionLog,
            Map<String, Duration> recovery, List<String> unexpected, List<String> crashed, String flakyWebhookId,
            Map<String, FaultLoad.Hook> hooksById, long retriedBatches, Duration loadTime, Map<String, Double> throughput) {

        /** Receipts beyond the first of a delivery, not counting the flaky endpoint's (its retries are on purpose). */
        long duplicates() {
            return expected.stream().filter(e -> !e.webhookId().equals(flakyWebhookId))
                    .mapToLong(e -> Math.max(0, receipts.count(e.deliveryId()) - 1)).sum();
        }

        /** Deliveries without a successful attempt, each with its last attempt's error. */
        List<String> failedForGood() {
            return expected.stream().filter(e -> attempts.get(e.deliveryId()).stream().noneMatch(a -> a.getStatus().name().equals("succeeded")))
                    .map(e -> {
                        DeliveryAttempt last = attempts.get(e.deliveryId()).get(attempts.get(e.deliveryId()).size() - 1);
                        return e.deliveryId() + " (" + last.getStatus() + ", " + last.getResponseCode() + ", " + last.getError() + ")";
                    }).toList();
        }

        /** Deliveries the router wrote more than once (a routing step replayed after the router's kill). */
        long routedTwice() {
            return expected.stream().filter(e -> {
                List<Long> times = routed.getOrDefault(e.deliveryId(), List.of()).stream().map(Routed::timestamp).toList();
                return times.size() > new java.util.HashSet<>(times).size();
            }).count();
        }

        /**
         * Deliveries whose first attempt is on the deliveries topic more than once but from different
         * records of their event: the event sent again through the other gateway after a cut
         * connection, or a task the deliverer put back (parking); not the router's doing.
         */
        long queuedAgain() {
            return expected.stream().filter(e -> {
                List<Long> times = routed.getOrDefault(e.deliveryId(), List.of()).stream().map(Routed::timestamp).toList();
                return times.size() > 1 && times.size() == new java.util.HashSet<>(times).size();
            }).count();
        }

        String summary() {
            StringBuilder text = new StringBuilder();
            text.append(String.format("FaultToleranceIT [%s]: %d events -> %d deliveries in %d s; %d duplicates received "
                            + "(flaky endpoint excluded), %d deliveries routed twice, %d queued again from another record "
                            + "(an event re-sent after a cut connection, a task put back), %d event batches retried on the other gateway%n",
                    guarantee, expected.stream().map(Expected::seq).distinct().count(), expected.size(), loadTime.toSeconds(),
                    duplicates(), routedTwice(), queuedAgain(), retriedBatches));
            Map<Integer, Long> byStatus = new LinkedHashMap<>();
            executions.forEach(e -> byStatus.merge(e.status(), 1L, Long::sum));
            text.append(String.format("  execute requests: %d, by answer (-1 = connection cut by a kill) %s%n", executions.size(), byStatus));
            recovery.forEach((fault, took) -> text.append(String.format("  recovered from %-34s in %5.1f s%n", fault, took.toMillis() / 1000.0)));
            throughput.forEach((what, rate) -> text.append(String.format("  throughput with %-13s %6.0f deliveries/s%n", what, rate)));
            return text.toString();
        }
    }

    /** One (event, webhook) delivery the load's accepted events call for. */
    record Expected(long seq, String eventId, String webhookId, String deliveryId) {
    }

    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration FLAKY_FOR = Duration.ofSeconds(10);

    private FaultScenario() {
    }

    static Report run(Cluster cluster, Path dir, String guarantee, Size size) throws Exception {
        try (TestReceiver receiver = TestReceiver.https();
                Platform platform = Platform.start(cluster.bootstrapServers(), dir, receiver, guarantee, size.jvmOptions())) {
            FaultLoad load = new FaultLoad(platform.gatewayUrls(), platform.ownerKey(), receiver);
            load.setUp();
            Receipts receipts = new Receipts(receiver, FaultLoad.PREFIX);
            Map<String, Duration> recovery = new LinkedHashMap<>();
            List<String> killed = new ArrayList<>();

            // the load, with one retrying endpoint failing from the start for a while
            receiver.respondWith(load.flakyPath(), 503, "down for a while");
            Instant started = Instant.now();
            Thread events = load.startEvents(size.eventsPerSecond());
            Thread executes = load.startExecutes(Duration.ofMillis(500));
            await().atMost(RECOVERY_TIMEOUT).until(() -> load.acceptedAt().size() >= size.minEvents() / 5);
            receiver.respondWith(load.flakyPath(), 200, "ok");

            // the faults, one after another, each once the deliveries flow again to every webhook
            fault(recovery, "kill -9 deliverer-1", load, receipts, () -> kill(platform, Role.DELIVERER, killed));
            fault(recovery, "kill -9 router-1", load, receipts, () -> kill(platform, Role.ROUTER, killed));
            fault(recovery, "kill -9 gateway-1 and executor-1", load, receipts, () -> {
                kill(platform, Role.GATEWAY, killed);
                kill(platform, Role.EXECUTOR, killed);
            });
            fault(recovery, "stop broker 3", load, receipts, () -> cluster.stopBroker(3));
            fault(recovery, "start broker 3 and the killed four", load, receipts, () -> {
                cluster.startBroker(3);
                platform.startStopped();
                killed.clear();
            });
            await().atMost(RECOVERY_TIMEOUT).until(() -> load.acceptedAt().size() >= size.minEvents());
            load.stop();
            events.join();
            executes.join();
            Duration loadTime = Duration.between(started, Instant.now());

            // what every accepted event called for: each has an attempt on the delivery log, and each arrives but
            // those of one-attempt webhooks whose one attempt failed (recorded, and recoverable, not lost)
            List<Expected> expected = expected(load);
            List<String> ids = expected.stream().map(Expected::deliveryId).toList();
            // attempts only: a pending record (waiting for a slot or a rate limit) is not one
            Map<String, List<DeliveryAttempt>> logged = TopicReader.readUntilCovered(cluster.bootstrapServers(), Topics.DELIVERY_LOG,
                    FaultScenario::attemptOf, ids, Duration.ofMinutes(5));
            awaitReceived(expected.stream().filter(e -> load.hook(e.webhookId()).retries()
                    || logged.get(e.deliveryId()).stream().anyMatch(a -> !a.getStatus().name().equals("failed"))).toList(), receipts, load,
                    Duration.ofMinutes(5));
            // and the retrying ones end in a success
            TopicReader.readUntilCovered(cluster.bootstrapServers(), Topics.DELIVERY_LOG,
                    a -> a.getStatus().name().equals("succeeded") ? a.getDeliveryId() : null,
                    expected.stream().filter(e -> load.hook(e.webhookId()).retries()).map(Expected::deliveryId).toList(), Duration.ofMinutes(3));
            Map<String, List<DeliveryAttempt>> attempts = TopicReader.readUntilCovered(cluster.bootstrapServers(), Topics.DELIVERY_LOG,
                    FaultScenario::attemptOf, ids, Duration.ofMinutes(3));
            // a task's record carries its event record's timestamp (Kafka Streams forwards it): two copies of a
            // task with the same timestamp are one event routed twice
            Map<String, List<Routed>> routed = TopicReader.readUntilCovered(cluster.bootstrapServers(), Topics.DELIVERIES,
                    record -> record.value().getTrigger().name().equals("scheduled") && record.value().getAttempt() == 1 ? record.value().getDeliveryId() : null,
                    record -> new Routed(record.value(), record.timestamp()), ids, Duration.ofMinutes(3));
            List<String> executionIds = load.executions().stream().flatMap(e -> e.executionIds().stream()).toList();
            Map<String, List<Execution>> executionLog = TopicReader.readUntilCovered(cluster.bootstrapServers(), Topics.EXECUTION_LOG,
                    Execution::getExecutionId, executionIds, Duration.ofMinutes(2));
            Map<String, FaultLoad.Hook> hooksById = new HashMap<>();
            load.hooks().forEach(h -> hooksById.put(h.id(), h));
            String flaky = load.hooks().stream().filter(h -> h.path().equals(load.flakyPath())).findFirst().orElseThrow().id();
            List<String> crashed = platform.exitedUnexpectedly(killed);
            Map<String, Double> throughput = new LinkedHashMap<>();
            if (size.throughputBurst() > 0) {
                throughput.put("two deliverers", burst(load, receipts, size.throughputBurst()));
                platform.instance(Role.DELIVERER, 2).process().stop();
                throughput.put("one deliverer", burst(load, receipts, size.throughputBurst()));
            }
            return new Report(guarantee, expected, receipts, attempts, routed, load.executions(), executionLog, recovery,
                    load.unexpected(), crashed, flaky, hooksById, load.retriedBatches(), loadTime, throughput);
        }
    }

    /** Injects a fault and measures until every webhook (but the flaky one) received an event accepted after it. */
    private static void fault(Map<String, Duration> recovery, String name, FaultLoad load, Receipts receipts, Runnable inject) {
        long seqAtFault = load.nextSeq();
        Instant at = Instant.now();
        inject.run();
        List<FaultLoad.Hook> watched = load.hooks().stream().filter(h -> !h.path().equals(load.flakyPath())).toList();
        await().atMost(RECOVERY_TIMEOUT).pollInterval(Duration.ofMillis(250)).alias("recovery from " + name)
                .until(() -> watched.stream().allMatch(h -> receipts.refresh().maxSeq(h.id()) >= seqAtFault));
        recovery.put(name, Duration.between(at, Instant.now()));
    }

    /** Deliveries per second of a burst of events posted as fast as the gateways take them, until the last arrived. */
    private static double burst(FaultLoad load, Receipts receipts, int events) {
        long from = load.nextSeq();
        Instant started = Instant.now();
        long to = load.postBurst(events);
        List<Expected> expected = expected(load).stream().filter(e -> e.seq() >= from && e.seq() < to).toList();
        awaitReceived(expected, receipts, load, Duration.ofMinutes(10));
        Instant last = expected.stream().map(e -> receipts.first(e.deliveryId()).at()).max(Instant::compareTo).orElseThrow();
        return expected.size() / (Duration.between(started, last).toMillis() / 1000.0);
    }

    /** Waits until every expected delivery arrived; else fails naming what is missing, by webhook. */
    private static void awaitReceived(List<Expected> expected, Receipts receipts, FaultLoad load, Duration timeout) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(500))
                    .until(() -> expected.stream().allMatch(e -> receipts.refresh().received(e.deliveryId())));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            Map<String, List<Long>> missing = new java.util.TreeMap<>();
            expected.stream().filter(x -> !receipts.received(x.deliveryId())).forEach(x -> missing
                    .computeIfAbsent(load.hook(x.webhookId()).path(), k -> new ArrayList<>()).add(x.seq()));
            throw new AssertionError("Not received within " + timeout + ": " + missing.values().stream().mapToInt(List::size).sum()
                    + " deliveries, by webhook (and their events' seq): " + missing + ", e.g. "
                    + expected.stream().filter(x -> !receipts.received(x.deliveryId())).findFirst().orElseThrow(), e);
        }
    }

    private static void kill(Platform platform, Role role, List<String> killed) {
        platform.kill(role, 1);
        killed.add(platform.instance(role, 1).name());
    }

    private static List<Expected> expected(FaultLoad load) {
        List<Expected> expected = new ArrayList<>();
        for (long seq : load.acceptedAt().keySet()) {
            String eventId = load.eventId(seq);
            for (FaultLoad.Hook hook : load.hooks()) {
                if (hook.type() == seq % FaultLoad.TYPES) {
                    expected.add(new Expected(seq, eventId, hook.id(), Ids.deliveryId(eventId, hook.id())));
                }
            }
        }
        return expected;
    }
}
