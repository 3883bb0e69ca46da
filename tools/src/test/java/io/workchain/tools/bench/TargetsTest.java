package io.workchain.tools.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The targets read from a run's rows: the measured ratio and the verdict, "not measured" where a phase is missing. */
class TargetsTest {

    @Test
    void latencyTargetsAreWorkchainsPercentilesOverTheExactlyOnceFloorsAtTheSameRate() {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(Map.of("half_max_rate", Map.of("steps", 1, "rate", 400.0)));
        rows.add(phase("floor", 1, 20.0, 8.0, 12.0));
        rows.add(phase("floor-eos", 1, 20.0, 12.0, 20.0));
        rows.add(phase("workchain", 1, 20.0, 15.0, 31.0));
        rows.add(phase("floor-eos", 1, 400.0, 10.0, 40.0));
        rows.add(phase("workchain", 1, 400.0, 30.0, 50.0));
        rows.add(phase("workchain", 5, 20.0, 60.0, 100.0));
        Map<String, Targets.Target> targets = byName(Targets.of(rows));

        Targets.Target p50 = targets.get("1-step p50 at 20/s <= 1.3x floor-eos");
        assertEquals("1.25 (15.0 against 12.0)", p50.measured());
        assertEquals(Boolean.TRUE, p50.met());
        assertEquals(Boolean.FALSE, targets.get("1-step p99 at 20/s <= 1.5x floor-eos").met()); // 1.55
        assertEquals(Boolean.FALSE, targets.get("1-step p50 at half the maximum <= 1.3x floor-eos").met()); // 3.0
        assertEquals(Boolean.TRUE, targets.get("1-step p99 at half the maximum <= 1.5x floor-eos").met()); // 1.25
        assertEquals(Boolean.TRUE, targets.get("5-step p50 <= 5x the 1-step p50 (20/s)").met()); // 4.0
        assertNull(targets.get("1-step p50 at half the maximum <= 1.5x floor").met(), "no plain floor row at 400/s");
        assertNull(targets.get("cold 1-step p50 <= 1.5x warm").met());
        assertEquals("not measured", targets.get("goodput under overload >= 0.9x the closed-loop maximum").verdict());
        assertTrue(targets.get("1-step p50 at 20/s <= 1.3x floor-eos").describe().startsWith("target "));
    }

    @Test
    void overloadAndColdTargets() {
        Map<String, Object> overload = new LinkedHashMap<>();
        overload.put("system", "workchain");
        overload.put("rate", 2000.0);
        overload.put("seconds", 10.0);
        overload.put("sent", 20200);
        overload.put("lost", 0);
        overload.put("duplicates", 0);
        overload.put("failed", 0);
        overload.put("goodput_per_s", 850.0);
        overload.put("closed_loop_max_per_s", 1000.0);
        overload.put("recovered_after_s", 15.0);
        overload.put("overloaded", true);
        Map<String, Object> cold = new LinkedHashMap<>();
        cold.put("chains", 200);
        cold.put("warm_p50_ms", 10.0);
        cold.put("warm_p99_ms", 20.0);
        cold.put("cold_p50_ms", 14.0);
        cold.put("cold_p99_ms", 60.0);
        Map<String, Targets.Target> targets = byName(Targets.of(List.of(
                Map.of("overload", Map.of("system", "floor", "goodput_per_s", 1.0)), Map.of("overload", overload),
                Map.of("cold", cold))));

        assertEquals(Boolean.FALSE, targets.get("goodput under overload >= 0.9x the closed-loop maximum").met());
        assertEquals("0.85 (850.0 against 1000.0)",
                targets.get("goodput under overload >= 0.9x the closed-loop maximum").measured());
        assertEquals(Boolean.TRUE, targets.get("under overload every chain completes exactly once").met());
        assertEquals(Boolean.TRUE, targets.get("20/s p50 back within 1.5x of warm <= 30 s after the overload").met());
        assertEquals(Boolean.TRUE, targets.get("cold 1-step p50 <= 1.5x warm").met());
        assertEquals(Boolean.FALSE, targets.get("cold 1-step p99 <= 2x warm").met());
    }

    @Test
    void aSystemThatKeptUpWasNotOverloaded() {
        Map<String, Object> overload = new LinkedHashMap<>();
        overload.put("system", "workchain");
        overload.put("rate", 400.0);
        overload.put("seconds", 10.0);
        overload.put("sent", 4000);
        overload.put("lost", 0);
        overload.put("duplicates", 0);
        overload.put("failed", 0);
        overload.put("goodput_per_s", 398.0);
        overload.put("closed_loop_max_per_s", 200.0);
        overload.put("overloaded", false);
        overload.put("drained_after_s", 0.1);
        overload.put("recovered_after_s", 5.0);
        Map<String, Targets.Target> targets = byName(Targets.of(List.of(Map.of("overload", overload))));
        Targets.Target goodput = targets.get("goodput under overload >= 0.9x the closed-loop maximum");
        assertNull(goodput.met());
        assertTrue(goodput.measured().contains("no overload"), goodput.measured());
        assertNull(targets.get("20/s p50 back within 1.5x of warm <= 30 s after the overload").met());
        assertEquals(Boolean.TRUE, targets.get("under overload every chain completes exactly once").met());
    }

    private static Map<String, Object> phase(String system, int steps, double rate, double p50, double p99) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("system", system);
        row.put("steps", steps);
        row.put("mode", "open");
        row.put("rate", rate);
        row.put("throughput", rate);
        row.put("p50", p50);
        row.put("p99", p99);
        return row;
    }

    private static Map<String, Targets.Target> byName(List<Targets.Target> targets) {
        Map<String, Targets.Target> byName = new LinkedHashMap<>();
        targets.forEach(target -> byName.put(target.name(), target));
        return byName;
    }
}
