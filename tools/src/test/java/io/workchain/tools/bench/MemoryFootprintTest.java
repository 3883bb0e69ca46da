package io.workchain.tools.bench;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The memory phase's logic without a broker: batches, the options read off a command line, the tables. */
class MemoryFootprintTest {

    @Test
    void chainsAreCutIntoCheckpointsWithTheRemainderLast() {
        assertEquals(List.of(10_000, 10_000, 10_000), MemoryFootprint.batches(30_000, 10_000));
        assertEquals(List.of(10_000, 2_500), MemoryFootprint.batches(12_500, 10_000));
        assertEquals(List.of(500), MemoryFootprint.batches(500, 10_000));
    }

    @Test
    void jvmOptionsAreTheCommandLinesBeforeTheJarButItsProperties() {
        List<String> commandLine = List.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java", "-XX:+TieredCompilation",
                "-Dquarkus.http.port=4711", "@/repo/bin/lib/service-jvm.options", "-XX:AOTCache=/repo/app.aot",
                "-XX:+UseCompactObjectHeaders", "-Dkafka.bootstrap.servers=127.0.0.1:9092", "-jar", "quarkus-run.jar",
                "-Xignored");
        assertEquals(List.of("-XX:+TieredCompilation", "@/repo/bin/lib/service-jvm.options",
                "-XX:AOTCache=/repo/app.aot", "-XX:+UseCompactObjectHeaders"),
                MemoryFootprint.jvmOptions(commandLine));
        assertEquals(List.of(), MemoryFootprint.jvmOptions(List.of()));
    }

    @Test
    void theTableHasAColumnPerCheckpointAndTheRowSaysWhatGrew() {
        MemoryFootprint memory = new MemoryFootprint("JDK 25 with its AOT cache", List.of("-XX:+UseSerialGC"),
                rss(150.0, 200.0),
                List.of(new MemoryFootprint.Sample(10_000, rss(180.0, 240.0)),
                        new MemoryFootprint.Sample(20_000, rss(181.0, 250.0))),
                rss(182.0, 255.0), 20_000, 20_000, 100.0);
        List<String> table = memory.table();
        assertEquals(3, table.size());
        assertTrue(table.get(0).matches("process +idle +10k +20k +peak"), table.get(0));
        assertTrue(table.get(2).matches("notifier +200\\.0 +240\\.0 +250\\.0 +255\\.0"), table.get(2));
        assertTrue(memory.everyChainCompleted());
        assertEquals(200.0, memory.throughput(), 1e-9);
        Map<String, Object> row = memory.row();
        assertEquals(Map.of("gateway", 1.0, "notifier", 10.0), row.get("growth_after_first_checkpoint_mib"));
        assertEquals(rss(181.0, 250.0), row.get("end_rss_mib"));
        String md = MemoryFootprint.markdown(row);
        assertTrue(md.contains("| process | idle | 10k | 20k | peak |"), md);
        assertTrue(md.contains("| notifier | 200.0 | 240.0 | 250.0 | 255.0 |"), md);
        assertTrue(md.contains("JDK 25 with its AOT cache; JVM options `-XX:+UseSerialGC`; 20000 of 20000"), md);
    }

    @Test
    void missingChainsAreSaid() {
        MemoryFootprint memory = new MemoryFootprint("JDK 17", List.of(), rss(1.0, 2.0),
                List.of(new MemoryFootprint.Sample(100, rss(1.0, 2.0))), rss(1.0, 2.0), 100, 99, 1.0);
        assertFalse(memory.everyChainCompleted());
        assertTrue(String.join("\n", memory.describe()).contains("99 of 100 chains completed (NOT every chain)"));
    }

    private static Map<String, Double> rss(double gateway, double notifier) {
        Map<String, Double> rss = new LinkedHashMap<>();
        rss.put("gateway", gateway);
        rss.put("notifier", notifier);
        return rss;
    }
}
