package io.hookline.router;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The router's settings ({@code hookline.router.*}).
 *
 * @param applicationId       the Kafka Streams application id: consumer group, changelog topic prefix
 * @param stateDir            where the state stores live; {@code null} means {@code ${hookline.data-dir:./data}/router},
 *                            resolved by {@link RouterConfiguration} because the binder does not resolve
 *                            placeholders in {@code @DefaultValue}
 * @param numStreamThreads    stream threads in this instance (partitions are the unit of parallelism)
 * @param processingGuarantee {@code at_least_once} (default) or {@code exactly_once_v2}. At-least-once is
 *                            enough because delivery ids are derived from (event id, webhook id), so a
 *                            routing step replayed after a crash yields the same deliveries, which the
 *                            deliverer and receivers deduplicate; exactly-once would make every delivery
 *                            wait for the transaction commit (the commit interval) before the deliverer's
 *                            read_committed consumer sees it (DESIGN.md, "Decisions and why")
 * @param commitInterval      how often offsets are committed (under EOS: how long deliveries wait). Unset, 1 s
 *                            under at_least_once: a commit flushes the producer and blocks the stream thread,
 *                            and at 100 ms commits took 14-18 % of its time and the platform's throughput was
 *                            0.32-0.37 of raw POSTs, against 2-4 % and 0.40-0.51 at 1 s (five runs each,
 *                            BENCHMARKS.md, "the router's commit interval"); a crash routes up to that second of
 *                            events again, and the deliverer skips the deliveries it had already recorded.
 *                            100 ms under exactly_once_v2, where every delivery waits for it (Streams' own default there)
 * @param closeTimeout        how long stopping waits for the stream threads to finish and commit
 */
@ConfigurationProperties("hookline.router")
public record RouterProperties(
        @DefaultValue("hookline-router") String applicationId,
        Path stateDir,
        @DefaultValue("1") int numStreamThreads,
        @DefaultValue("at_least_once") String processingGuarantee,
        Duration commitInterval,
        @DefaultValue("30s") Duration closeTimeout) {

    private static final Set<String> GUARANTEES = Set.of("at_least_once", "exactly_once_v2");
    private static final Duration AT_LEAST_ONCE_COMMITS = Duration.ofSeconds(1);
    private static final Duration EXACTLY_ONCE_COMMITS = Duration.ofMillis(100);

    public RouterProperties {
        if (applicationId == null || applicationId.isBlank()) {
            throw new IllegalArgumentException("hookline.router.application-id must not be blank");
        }
        if (numStreamThreads < 1) {
            throw new IllegalArgumentException("hookline.router.num-stream-threads must be at least 1, was " + numStreamThreads);
        }
        if (!GUARANTEES.contains(processingGuarantee)) {
            throw new IllegalArgumentException("hookline.router.processing-guarantee must be one of " + GUARANTEES
                    + ", was " + processingGuarantee);
        }
        if (commitInterval == null) {
            commitInterval = processingGuarantee.equals("at_least_once") ? AT_LEAST_ONCE_COMMITS : EXACTLY_ONCE_COMMITS;
        }
        if (commitInterval.isNegative()) {
            throw new IllegalArgumentException("hookline.router.commit-interval must not be negative");
        }
        if (closeTimeout == null || closeTimeout.isNegative()) {
            throw new IllegalArgumentException("hookline.router.close-timeout must not be negative");
        }
    }

    /** These settings with the state directory set. */
    public RouterProperties withStateDir(Path dir) {
        return new RouterProperties(applicationId, dir, numStreamThreads, processingGuarantee, commitInterval, closeTimeout);
    }
}
