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
     * Write-back tables ({@code /v4/tables/…}, {@code /v4/sql}).
     *
     * @param quotaRows rows one team may write, over all its tables, in any {@code quotaWindow}
     * @param quotaBytes bytes (the rows' JSON) one team may write in any {@code quotaWindow}
     * @param quotaWindow the rolling window of the quota
     * @param writeRows the most rows one write may hold (and at most {@code quotaRows})
     * @param writeBytes the most bytes of JSON one write may hold (and at most {@code quotaBytes})
     * @param readQuotaRows rows one team may read (pages and SQL answers), over all its tables, in any
     *     {@code readQuotaWindow} (counted by each gateway instance)
     * @param readQuotaBytes bytes one team may read in any {@code readQuotaWindow}
     * @param readQuotaWindow the rolling window of the read quota
     * @param storeDir where the teams' DuckDB files live; unset: {@code gateway-tables} under
     *     {@code hookline.data-dir}, else a temporary directory (filled again from the topic at start-up)
     * @param storeMemory the memory limit of each team's DuckDB instance
     * @param queryTimeout how long one SQL query may run before it is cancelled
     * @param queryMaxRows the most rows one SQL answer holds ({@code truncated} past it)
     * @param queryMaxBytes about the most bytes of values one SQL answer holds ({@code truncated} past it)
     * @param queryConcurrency SQL queries one team may run at once on one gateway ({@code 429} past it)
     */
    public record Tables(
            @DefaultValue("100000") long quotaRows,
            @DefaultValue("64MB") DataSize quotaBytes,
            @DefaultValue("24h") Duration quotaWindow,
            @DefaultValue("10000") long writeRows,
            @DefaultValue("8MB") DataSize writeBytes,
            @DefaultValue("2000000") long readQuotaRows,
            @DefaultValue("2GB") DataSize readQuotaBytes,
            @DefaultValue("1h") Duration readQuotaWindow,
            Path storeDir,
            @DefaultValue("128MB") DataSize storeMemory,
            @DefaultValue("10s") Duration queryTimeout,
            @DefaultValue("10000") int queryMaxRows,
            @DefaultValue("16MB") DataSize queryMaxBytes,
            @DefaultValue("2") int queryConcurrency) {

        public Tables {
            if (quotaRows < 1 || quotaBytes.toBytes() < 1 || writeRows < 1 || writeBytes.toBytes() < 1 || readQuotaRows < 1
                    || readQuotaBytes.toBytes() < 1 || queryMaxRows < 1 || queryMaxBytes.toBytes() < 1 || queryConcurrency < 1) {
                throw new IllegalArgumentException("hookline.gateway.tables.* limits must be positive");
            }
            if (quotaWindow.compareTo(Duration.ofMinutes(1)) < 0 || readQuotaWindow.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new IllegalArgumentException("hookline.gateway.tables.quota-window and read-quota-window must be at least 1m, got "
                        + quotaWindow + " and " + readQuotaWindow);
            }
            if (queryTimeout.toMillis() < 1 || storeMemory.toMegabytes() < 16) {
                throw new IllegalArgumentException("hookline.gateway.tables.query-timeout must be positive and store-memory at least 16MB");
            }
        }

        /** The largest single write: one that fits the quota. */
        public long maxWriteRows() {
            return Math.min(quotaRows, writeRows);
        }

        public long maxWriteBytes() {
            return Math.min(quotaBytes.toBytes(), writeBytes.toBytes());
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
