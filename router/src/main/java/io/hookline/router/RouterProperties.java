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
 * @param commitInterval      how often offsets are committed (under EOS: how long deliveries wait)
 * @param closeTimeout        how long stopping waits for the stream threads to finish and commit
 */
@ConfigurationProperties("hookline.router")
public record RouterProperties(
        @DefaultValue("hookline-router") String applicationId,
        Path stateDir,
        @DefaultValue("1") int numStreamThreads,
        @DefaultValue("at_least_once") String processingGuarantee,
        @DefaultValue("100ms") Duration commitInterval,
        @DefaultValue("30s") Duration closeTimeout) {

    private static final Set<String> GUARANTEES = Set.of("at_least_once", "exactly_once_v2");

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
        if (commitInterval == null || commitInterval.isNegative()) {
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
