package io.hookline.gateway;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's settings ({@code hookline.gateway.*}).
 *
 * @param maxRequestSize request bodies above this get {@code 413}
 * @param writeTimeout how long a request waits for the gateway's own views: for a write to show up
 *     in them (read-your-writes) and, right after start-up, for them to catch up with their topics
 * @param bootstrap the owner created on first start
 * @param tables each team's quota on write-back rows and what the gateway keeps of them in memory
 */
@ConfigurationProperties("hookline.gateway")
public record GatewayProperties(
        @DefaultValue("10MB") DataSize maxRequestSize,
        @DefaultValue("10s") Duration writeTimeout,
        @DefaultValue Bootstrap bootstrap,
        @DefaultValue Tables tables) {

    public GatewayProperties {
        if (maxRequestSize.toBytes() < 1 || maxRequestSize.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("hookline.gateway.max-request-size must be between 1B and 2GB, got " + maxRequestSize);
        }
        if (writeTimeout.isNegative() || writeTimeout.isZero()) {
            throw new IllegalArgumentException("hookline.gateway.write-timeout must be positive, got " + writeTimeout);
        }
    }

    /**
     * Write-back tables ({@code /v4/tables/…}).
     *
     * @param quotaRows rows one team may write, over all its tables, in any {@code quotaWindow}
     * @param quotaBytes bytes (the rows' JSON) one team may write in any {@code quotaWindow}
     * @param quotaWindow the rolling window of the quota
     * @param memoryRows rows of one team (all its tables) kept in memory to answer reads, newest kept
     * @param memoryBytes bytes of one team kept in memory, newest kept
     * @param readQuotaRows rows one team may read, over all its tables, in any {@code readQuotaWindow}
     *     (counted by each gateway instance)
     * @param readQuotaBytes bytes one team may read in any {@code readQuotaWindow}
     * @param readQuotaWindow the rolling window of the read quota
     */
    public record Tables(
            @DefaultValue("100000") long quotaRows,
            @DefaultValue("64MB") DataSize quotaBytes,
            @DefaultValue("24h") Duration quotaWindow,
            @DefaultValue("20000") long memoryRows,
            @DefaultValue("8MB") DataSize memoryBytes,
            @DefaultValue("2000000") long readQuotaRows,
            @DefaultValue("2GB") DataSize readQuotaBytes,
            @DefaultValue("1h") Duration readQuotaWindow) {

        public Tables {
            if (quotaRows < 1 || quotaBytes.toBytes() < 1 || memoryRows < 1 || memoryBytes.toBytes() < 1) {
                throw new IllegalArgumentException("hookline.gateway.tables.* limits must be positive");
            }
            if (quotaWindow.compareTo(Duration.ofMinutes(1)) < 0 || readQuotaWindow.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new IllegalArgumentException("hookline.gateway.tables.quota-window and read-quota-window must be at least 1m, got "
                        + quotaWindow + " and " + readQuotaWindow);
            }
            // a read returns at most what is kept in memory: the read quota must let one whole read through
            if (readQuotaRows < memoryRows || readQuotaBytes.toBytes() < memoryBytes.toBytes()) {
                throw new IllegalArgumentException("hookline.gateway.tables.read-quota-rows and read-quota-bytes must be at least "
                        + "memory-rows and memory-bytes");
            }
        }

        /** The largest single write: one that fits the quota and what a reader can be shown. */
        public long maxWriteRows() {
            return Math.min(quotaRows, memoryRows);
        }

        public long maxWriteBytes() {
            return Math.min(quotaBytes.toBytes(), memoryBytes.toBytes());
        }
    }

    /**
     * Creation of team {@code default}'s owner when none exists.
     *
     * @param enabled whether to create it (the embedded default turns this on)
     * @param ownerKeyFile where the owner's API key is written (mode 0600)
     */
    public record Bootstrap(@DefaultValue("false") boolean enabled, @DefaultValue("data/owner.key") Path ownerKeyFile) {
    }
}
