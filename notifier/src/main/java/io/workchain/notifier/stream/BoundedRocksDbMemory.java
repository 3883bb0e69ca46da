package io.workchain.notifier.stream;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

import java.util.Map;

/**
 * Bounds the off-heap memory of every RocksDB store of this notifier together. Left to Kafka
 * Streams' defaults, each store instance (two stores per partition) gets its own 50 MB block
 * cache and up to three 16 MB memtables, so the resident set grows with the partitions an
 * instance owns and with the chains it keeps for their retention (measured: 202 MiB idle, 324 MiB
 * after 150,000 chains, over the notifier's 320 MiB budget). Here all stores share one LRU cache,
 * and their memtables are charged to it (Kafka Streams' "bounded memory" recipe), so RocksDB's
 * part of the resident set stays near {@link #TOTAL_OFF_HEAP_BYTES} however many chains are kept.
 *
 * <p>Kafka Streams instantiates it by name ({@code rocksdb.config.setter}); the packaged service
 * sets it (the {@code %prod} profile: in {@code @QuarkusTest} a class the application names is
 * loaded twice and clashes, as the production exception handler does).
 */
@RegisterForReflection
public class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** Block cache, index and filter blocks and memtables of every store, together. */
    static final long TOTAL_OFF_HEAP_BYTES = 32L * 1024 * 1024;
    /** The memtables' share of it. */
    static final long TOTAL_MEMTABLE_BYTES = 8L * 1024 * 1024;
    static final long MEMTABLE_BYTES = 4L * 1024 * 1024;
    static final int MEMTABLES_PER_STORE = 2;
    /** A tenth of the cache is kept for index and filter blocks (high priority), so reads stay cheap. */
    private static final double INDEX_FILTER_RATIO = 0.1;

    // Shared by every store of the process: closing one store must not close them (see close).
    private static final Cache CACHE = new LRUCache(TOTAL_OFF_HEAP_BYTES, -1, false, INDEX_FILTER_RATIO);
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
        options.setMaxWriteBufferNumber(MEMTABLES_PER_STORE);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are shared by every store: they live as long as the process.
    }
}
