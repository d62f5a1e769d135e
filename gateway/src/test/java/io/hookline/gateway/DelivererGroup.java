package io.hookline.gateway;

import io.hookline.schemas.topics.TenantPartitioner;
import io.hookline.schemas.topics.Topics;
import io.hookline.testsupport.SharedKafka;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The deliverer's consumer group as the gateway reads it (no deliverer runs in the gateway's tests):
 * committing its offsets says "finished" for every task before them, as the deliverer does.
 */
final class DelivererGroup {

    /** The deliverer's default group, which the gateway reads the committed offsets of. */
    static final String ID = "hookline-deliverer";

    private DelivererGroup() {
    }

    /**
     * Commits the group's offset of the webhook's partition of {@code hookline.deliveries} at its end:
     * every task written there so far (its verification delivery, say) is no longer pending.
     */
    static void commitToEnd(String webhookId) {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            int partitions = admin.describeTopics(List.of(Topics.DELIVERIES.name())).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(Topics.DELIVERIES.name()).partitions().size();
            TopicPartition partition = new TopicPartition(Topics.DELIVERIES.name(), TenantPartitioner.partitionFor(webhookId, partitions));
            long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get(30, TimeUnit.SECONDS).offset();
            admin.alterConsumerGroupOffsets(ID, Map.of(partition, new OffsetAndMetadata(end))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot commit the deliverer group's offset for " + webhookId, e);
        }
    }
}
