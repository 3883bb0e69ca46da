package io.workchain.notifier.stream;

import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bound applies to every store's options (RocksDB's own native library, loaded here, not a
 * mock): small memtables, few of them, index and filter blocks kept in the shared cache. That the
 * packaged notifier runs with it is what the end-to-end suite exercises (the {@code %prod} profile).
 */
class BoundedRocksDbMemoryTest {

    static {
        RocksDB.loadLibrary();
    }

    @Test
    void everyStoreGetsTheSharedBoundedSettings() {
        BoundedRocksDbMemory setter = new BoundedRocksDbMemory();
        for (String store : new String[]{TopologyNames.CHAINS_STORE, TopologyNames.TIMERS_STORE}) {
            try (Options options = new Options()) {
                options.setTableFormatConfig(new BlockBasedTableConfig());
                setter.setConfig(store, options, Map.of());
                assertEquals(BoundedRocksDbMemory.MEMTABLE_BYTES, options.writeBufferSize());
                assertEquals(BoundedRocksDbMemory.MEMTABLES_PER_STORE, options.maxWriteBufferNumber());
                BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
                assertTrue(table.cacheIndexAndFilterBlocks());
                assertTrue(table.pinTopLevelIndexAndFilter());
                setter.close(store, options);
            }
        }
        assertTrue(BoundedRocksDbMemory.TOTAL_MEMTABLE_BYTES < BoundedRocksDbMemory.TOTAL_OFF_HEAP_BYTES,
                "the memtables are charged to the shared cache, so they must fit in it");
    }
}
