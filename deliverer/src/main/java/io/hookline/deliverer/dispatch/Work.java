package io.hookline.deliverer.dispatch;

import io.hookline.kafka.consumer.PartitionOffsets;
import io.hookline.schemas.avro.DeliveryTask;
import org.apache.kafka.common.TopicPartition;

/**
 * A decoded task and where it was read, so that its offset can be finished once it is recorded, and
 * the partition's record of finished deliveries, to which its attempt is added then.
 */
record Work(TopicPartition partition, long offset, PartitionOffsets offsets, FinishedDeliveries finished, DeliveryTask task) {
}
