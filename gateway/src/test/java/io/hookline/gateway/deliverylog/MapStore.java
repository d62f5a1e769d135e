package io.hookline.gateway.deliverylog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** A sorted map in place of the RocksDB global store. */
final class MapStore implements SortedKeyValues {

    private final ConcurrentSkipListMap<String, byte[]> entries = new ConcurrentSkipListMap<>();

    @Override
    public byte[] get(String key) {
        return entries.get(key);
    }

    @Override
    public void put(String key, byte[] value) {
        entries.put(key, value);
    }

    @Override
    public List<Map.Entry<String, byte[]>> range(String from, String to, int limit) {
        List<Map.Entry<String, byte[]>> range = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : entries.subMap(from, true, to, false).entrySet()) {
            if (range.size() == limit) {
                break;
            }
            range.add(Map.entry(entry.getKey(), entry.getValue()));
        }
        return range;
    }
}
