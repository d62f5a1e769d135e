package io.hookline.deliverer.dispatch;

import io.hookline.schemas.avro.DeliveryTask;
import org.apache.kafka.common.TopicPartition;

/** A decoded task and where it was read, so that its offset can be finished once it is recorded. */
record Work(TopicPartition partition, long offset, PartitionOffsets offsets, DeliveryTask task) {
}
