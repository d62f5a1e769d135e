package io.hookline.router;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of all the router's RocksDB stores together. Unbounded, each store of
 * each task may take ≈ 98 MiB (50 MiB block cache, 3 × 16 MiB memtables), and the router has three
 * stores per partition, one of them a window store with a RocksDB instance per segment; in the standalone
 * JVM that would dwarf everything else (research/anchors-kafka.md §2.4). This is the shared cache and
 * write-buffer manager recipe of the Kafka Streams memory-management docs.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    private static final long TOTAL_OFF_HEAP_BYTES = 128L * 1024 * 1024;
    private static final long TOTAL_MEMTABLE_BYTES = 32L * 1024 * 1024;
    private static final long MEMTABLE_BYTES = 8L * 1024 * 1024;
    private static final double INDEX_FILTER_BLOCK_RATIO = 0.1;

    // Shared by every store instance in this JVM, hence static and never closed per store.
    private static final Cache CACHE = new LRUCache(TOTAL_OFF_HEAP_BYTES, -1, false, INDEX_FILTER_BLOCK_RATIO);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(TOTAL_MEMTABLE_BYTES, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setWriteBufferSize(MEMTABLE_BYTES);
        options.setMaxWriteBufferNumber(2);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and write-buffer manager are shared: closing them here would break the other stores
    }
}
