package io.hookline.gateway.deliverylog;

import java.util.List;
import java.util.Map;

/**
 * The few operations the delivery-log index needs from a sorted key-value store: the Kafka Streams
 * global store (RocksDB) in production, a sorted map in unit tests. Keys sort as their UTF-8 bytes.
 */
interface SortedKeyValues {

    byte[] get(String key);

    void put(String key, byte[] value);

    /** Up to {@code limit} entries with {@code from <= key < to}, in key order. */
    List<Map.Entry<String, byte[]>> range(String from, String to, int limit);
}
