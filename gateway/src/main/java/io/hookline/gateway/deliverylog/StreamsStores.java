package io.hookline.gateway.deliverylog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** The Streams global store seen as {@link SortedKeyValues}: read-only for queries, writable for the indexer. */
final class StreamsStores {

    private StreamsStores() {
    }

    record ReadOnly(ReadOnlyKeyValueStore<String, byte[]> store) implements SortedKeyValues {

        @Override
        public byte[] get(String key) {
            return store.get(key);
        }

        @Override
        public void put(String key, byte[] value) {
            throw new UnsupportedOperationException("read-only");
        }

        @Override
        public List<Map.Entry<String, byte[]>> range(String from, String to, int limit) {
            return collect(store.range(from, to), to, limit);
        }
    }

    record Writable(KeyValueStore<String, byte[]> store) implements SortedKeyValues {

        @Override
        public byte[] get(String key) {
            return store.get(key);
        }

        @Override
        public void put(String key, byte[] value) {
            store.put(key, value);
        }

        @Override
        public List<Map.Entry<String, byte[]>> range(String from, String to, int limit) {
            return collect(store.range(from, to), to, limit);
        }
    }

    /** Streams ranges include {@code to}; ours do not. */
    static List<Map.Entry<String, byte[]>> collect(KeyValueIterator<String, byte[]> range, String to, int limit) {
        List<Map.Entry<String, byte[]>> entries = new ArrayList<>();
        try (range) {
            while (range.hasNext() && entries.size() < limit) {
                KeyValue<String, byte[]> next = range.next();
                if (!next.key.equals(to)) {
                    entries.add(Map.entry(next.key, next.value));
                }
            }
        }
        return entries;
    }
}
