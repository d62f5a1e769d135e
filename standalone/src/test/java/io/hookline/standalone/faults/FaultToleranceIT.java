package io.hookline.standalone.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.embedded.EmbeddedKafka;
import io.hookline.schemas.avro.DeliveryAttempt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12's fault test on an in-process 3-broker KRaft cluster: two OS processes of every component,
 * kill -9 of one of each kind but the gateway's twin, a broker stopped, everything started again, while
 * events and execute requests flow; nothing is lost. At IT size (about 1,500 events, 7,500 deliveries)
 * so that each guarantee's run stays near three minutes on two cores; {@code -Dhookline.faults.events}
 * and {@code -Dhookline.faults.rate} run it at the bench's size (README, "Running on a cluster").
 */
class FaultToleranceIT {

    @TempDir
    Path dir;

    static FaultScenario.Size size() {
        int events = Integer.getInteger("hookline.faults.events", 1500);
        int rate = Integer.getInteger("hookline.faults.rate", 15);
        // eight JVMs on two cores: small heaps, and the C1 compiler only, which starts them faster
        List<String> jvm = Boolean.getBoolean("hookline.faults.c2") ? List.of("-Xmx320m", "-XX:+UseSerialGC")
                : List.of("-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        return new FaultScenario.Size(events, rate, Integer.getInteger("hookline.faults.burst", 0), jvm);
    }

    /**
     * The suite runs {@code exactly_once_v2}: the router's topology is the same code under both
     * guarantees, and this one is checked more strictly (no event record routed twice), in half the time
     * of both. {@code -Dhookline.faults.guarantees=at_least_once,exactly_once_v2} runs both.
     */
    static List<String> guarantees() {
        return List.of(System.getProperty("hookline.faults.guarantees", "exactly_once_v2").split(","));
    }

    @ParameterizedTest(name = "processing guarantee {0}")
    @MethodSource("guarantees")
    void shouldLoseNothingWhenOneOfEachComponentIsKilledAndABrokerStops(String guarantee) throws Exception {
        // given a 3-broker cluster in this JVM
        try (EmbeddedKafka kafka = EmbeddedKafka.startCluster(dir.resolve("cluster"), 0, 3)) {
            FaultScenario.Cluster cluster = new FaultScenario.Cluster() {
                public String bootstrapServers() {
                    return kafka.bootstrapServers();
                }

                public void stopBroker(int id) {
                    kafka.stopNode(id);
                }

                public void startBroker(int id) {
                    kafka.startNode(id);
                }
            };

            // when the load runs through the faults
            FaultScenario.Report report = FaultScenario.run(cluster, logsDir(guarantee), guarantee, size());

            // then
            System.out.print(report.summary());
            assertReport(report);
        }
    }

    /** The processes' data and logs, kept under target/ for the post-mortem of a failed run. */
    static Path logsDir(String run) throws java.io.IOException {
        Path logs = Path.of("target", "faults", run).toAbsolutePath();
        if (Files.exists(logs)) {
            try (var old = Files.walk(logs)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return logs;
    }

    /** What every run must show, on whichever cluster it ran. */
    static void assertReport(FaultScenario.Report report) {
        assertThat(report.unexpected()).as("answers other than success or a retriable error").isEmpty();
        assertThat(report.crashed()).as("processes that died without being killed").isEmpty();
        assertThat(report.expected()).hasSizeGreaterThanOrEqualTo(size().minEvents() * FaultLoad.PER_TYPE);

        // every delivery has a recorded attempt, and reached its receiver; or it is of a one-attempt webhook whose
        // one attempt failed (a timeout on this loaded machine, before the request got through): recorded, not lost
        List<String> failed = report.failedForGood();
        System.out.printf("  %d deliveries of one-attempt webhooks recorded as failed (%d of them never received)%s%n", failed.size(),
                report.expected().stream().filter(e -> !report.receipts().received(e.deliveryId())).count(),
                failed.isEmpty() ? "" : ", e.g. " + failed.get(0));
        for (FaultScenario.Expected e : report.expected()) {
            List<DeliveryAttempt> attempts = report.attempts().get(e.deliveryId());
            assertThat(attempts).as("attempts of %s", e).isNotEmpty();
            boolean retries = report.hooksById().get(e.webhookId()).retries();
            if (retries) {
                assertThat(attempts).extracting(a -> a.getStatus().name()).as("attempts of %s", e).contains("succeeded");
            }
            if (retries || !attempts.stream().allMatch(a -> a.getStatus().name().equals("failed"))) {
                assertThat(report.receipts().received(e.deliveryId())).as("received %s", e).isTrue();
            }
        }
        // and a delivery id never carried two bodies
        assertThat(report.receipts().withTwoBodies()).isEmpty();

        // FIFO webhooks got their events in order: the first arrivals' sequence numbers only grow
        report.hooksById().values().stream().filter(FaultLoad.Hook::fifo).forEach(hook -> {
            List<Long> seqs = report.receipts().firstSeqs(hook.id());
            assertThat(seqs).as("first arrivals at FIFO webhook %s", hook.path()).isNotEmpty().isSorted();
        });

        // every execute request was answered once: 200 with its executions (all in the execution log), or 503;
        // a connection cut is only seen by callers of the gateway that was killed
        assertThat(report.executions()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.status()).as("execute request %s", e).isIn(200, 503, -1);
            if (e.status() == -1) {
                assertThat(e.gateway()).as("connection cut: %s", e).isEqualTo(1);
            }
            if (e.status() == 200) {
                assertThat(e.executionIds()).isNotEmpty().allSatisfy(id -> assertThat(report.executionLog()).containsKey(id));
            }
        });
        assertThat(report.executions()).filteredOn(e -> e.status() == 200).isNotEmpty();

        // duplicates are bounded by what was in flight when a deliverer lost its partitions (at most 4 per endpoint,
        // 50 endpoints), at its kill and at most once more when the broker stopped under it; re-routed tasks are not
        // sent again (the deliverer skips what its log shows delivered, issue 17)
        assertThat(report.duplicates()).isLessThanOrEqualTo(2L * FaultLoad.TYPES * FaultLoad.PER_TYPE * 4);
        // one event record routed twice (two copies of a first attempt with the event record's timestamp): never under
        // exactly_once_v2 (issue 12), bounded like the receivers' duplicates under at_least_once. Copies from another
        // record of the event (re-sent through the other gateway after a cut connection) are the caller's duplicates,
        // which no routing guarantee removes; they are counted in the summary.
        System.out.printf("  %d deliveries routed twice under %s%n", report.routedTwice(), report.guarantee());
        if (report.guarantee().equals("exactly_once_v2")) {
            assertThat(report.routedTwice()).as("event records routed twice under exactly_once_v2").isZero();
        } else {
            assertThat(report.routedTwice()).isLessThanOrEqualTo(2L * FaultLoad.TYPES * FaultLoad.PER_TYPE * 4);
        }
        assertThat(report.recovery()).hasSize(5);
    }
}
