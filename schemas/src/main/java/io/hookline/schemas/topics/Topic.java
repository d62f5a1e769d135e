package io.hookline.schemas.topics;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serde;

/**
 * One topic of the catalog: its name next to the serdes of its keys and values, so nothing reads a
 * topic with the wrong serde, and the settings it is created with.
 */
public record Topic<K, V>(String name, int partitions, Map<String, String> configs, Serde<K> keySerde, Serde<V> valueSerde) {

    public Topic {
        Objects.requireNonNull(name, "name");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive: " + partitions);
        }
        configs = Map.copyOf(configs);
    }

    /** The topic as the admin client creates it, with that many copies of each partition. */
    public NewTopic newTopic(Replication replication) {
        Map<String, String> withReplication = new java.util.HashMap<>(configs);
        withReplication.putIfAbsent("min.insync.replicas", Integer.toString(replication.minInSyncReplicas()));
        return new NewTopic(name, partitions, replication.factor()).configs(withReplication);
    }

    public boolean compacted() {
        return "compact".equals(configs.get("cleanup.policy"));
    }
}
