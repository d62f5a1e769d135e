package io.hookline.schemas.topics;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition of a tenant's records. Events keyed by tenant id land there through Kafka's default
 * partitioner; webhook state, keyed by webhook id, is sent there explicitly so that the router finds
 * a tenant's events and webhooks in the same task.
 */
public final class TenantPartitioner {

    private TenantPartitioner() {
    }

    /** The same formula as Kafka's default partitioner for a non-null key. */
    public static int partitionFor(String tenantId, int partitions) {
        return Utils.toPositive(Utils.murmur2(tenantId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
