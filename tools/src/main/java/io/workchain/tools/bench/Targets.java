package io.workchain.tools.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The performance targets, each read from one run's rows: the measured ratio and whether it is met
 * (a report, not an assertion: the machine is shared and noisy). Issue 22's against the
 * exactly-once floor, overload and cold start; issue 9's against the plain floor. A target whose
 * phase the run did not have is "not measured".
 */
final class Targets {

    /** One target: what it asks, what was measured, whether it is met (null: not measured) and where. */
    record Target(String issue, String name, String measured, Boolean met, String phase) {
        String verdict() {
            return met == null ? "not measured" : met ? "met" : "not met";
        }

        Map<String, Object> row() {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("issue", issue);
            row.put("target", name);
            row.put("measured", measured);
            row.put("verdict", verdict());
            row.put("phase", phase);
            return row;
        }

        /** The line the benchmark prints (starting with "target", which CI picks out). */
        String describe() {
            return String.format(Locale.ROOT, "target    [issue %s] %s: %s -- %s (%s)", issue, name, measured,
                    verdict(), phase);
        }
    }

    private final List<Map<String, Object>> rows;

    private Targets(List<Map<String, Object>> rows) {
        this.rows = rows;
    }

    static List<Target> of(List<Map<String, Object>> rows) {
        return new Targets(rows).all();
    }

    private List<Target> all() {
        List<Target> targets = new ArrayList<>();
        Optional<Double> half = halfRate();
        String halfPhase = half.map(rate -> String.format(Locale.ROOT, "open loop, half the maximum: %.0f/s", rate))
                .orElse("open loop, half the maximum");
        targets.add(latency("22", "1-step p50 at 20/s <= 1.3x floor-eos", "floor-eos", Optional.of(20.0), "p50", 1.3,
                "open loop 20/s"));
        targets.add(latency("22", "1-step p99 at 20/s <= 1.5x floor-eos", "floor-eos", Optional.of(20.0), "p99", 1.5,
                "open loop 20/s"));
        targets.add(latency("22", "1-step p50 at half the maximum <= 1.3x floor-eos", "floor-eos", half, "p50", 1.3,
                halfPhase));
        targets.add(latency("22", "1-step p99 at half the maximum <= 1.5x floor-eos", "floor-eos", half, "p99", 1.5,
                halfPhase));
        overloadTargets(targets);
        coldTargets(targets);
        Optional<Map<String, Object>> closed = nested("closed_loop_median_per_s").stream()
                .filter(row -> Integer.valueOf(1).equals(row.get("steps"))).reduce((first, second) -> second);
        targets.add(closed.map(row -> {
            double ratio = number(row, "workchain") / Math.max(0.001, number(row, "floor"));
            return new Target("9", "1-step throughput >= 0.8x floor",
                    String.format(Locale.ROOT, "%.2f (%.1f against %.1f/s)",
                            ratio, number(row, "workchain"), number(row, "floor")),
                    ratio >= 0.8, "closed loop, median round");
        }).orElse(notMeasured("9", "1-step throughput >= 0.8x floor", "closed loop")));
        targets.add(latency("9", "1-step p50 at half the maximum <= 1.5x floor", "floor", half, "p50", 1.5, halfPhase));
        targets.add(latency("9", "1-step p99 at half the maximum <= 2x floor", "floor", half, "p99", 2.0, halfPhase));
        Optional<Map<String, Object>> one = phase("workchain", 1, "open", 20.0);
        Optional<Map<String, Object>> five = phase("workchain", 5, "open", 20.0);
        String name = "5-step p50 <= 5x the 1-step p50 (20/s)";
        targets.add(one.isPresent() && five.isPresent()
                ? ratioTarget("9", name, number(five.get(), "p50"), number(one.get(), "p50"), 5.0, "open loop 20/s")
                : notMeasured("9", name, "open loop 20/s"));
        return targets;
    }

    private void overloadTargets(List<Target> targets) {
        Optional<Map<String, Object>> overload = nested("overload").stream()
                .filter(row -> "workchain".equals(row.get("system"))).reduce((first, second) -> second);
        String phase = overload.map(row -> String.format(Locale.ROOT, "overload: %.0f/s (2x the maximum) for %.0f s",
                number(row, "rate"), number(row, "seconds"))).orElse("overload");
        String goodput = "goodput under overload >= 0.9x the closed-loop maximum";
        String once = "under overload every chain completes exactly once";
        String back = "20/s p50 back within 1.5x of warm <= 30 s after the overload";
        if (overload.isEmpty()) {
            targets.add(notMeasured("22", goodput, phase));
            targets.add(notMeasured("22", once, phase));
            targets.add(notMeasured("22", back, phase));
            return;
        }
        Map<String, Object> row = overload.get();
        Target measured = ratioTarget("22", goodput, number(row, "goodput_per_s"),
                Math.min(number(row, "rate"), number(row, "closed_loop_max_per_s")), 0.9, phase, true);
        boolean overloaded = !Boolean.FALSE.equals(row.get("overloaded"));
        String keptUp = "; it kept up (backlog drained " + row.get("drained_after_s")
                + " s after the end): no overload";
        targets.add(overloaded ? measured : new Target("22", goodput, measured.measured() + keptUp, null, phase));
        long lost = ((Number) row.get("lost")).longValue();
        long duplicates = ((Number) row.get("duplicates")).longValue();
        long failed = ((Number) row.get("failed")).longValue();
        targets.add(new Target("22", once, String.format(Locale.ROOT, "%d sent: %d lost, %d duplicated, %d failed",
                ((Number) row.get("sent")).longValue(), lost, duplicates, failed),
                lost == 0 && duplicates == 0 && failed == 0, phase));
        Object recovered = row.get("recovered_after_s");
        targets.add(recovered instanceof Number seconds
                ? new Target("22", back,
                        String.format(Locale.ROOT, "back after %.0f s", seconds.doubleValue())
                                + (overloaded ? "" : keptUp),
                        overloaded ? seconds.doubleValue() <= 30 : null, phase)
                : new Target("22", back, "not back within the probe (" + row.get("probe_p50_ms_by_window") + " ms)",
                        false, phase));
    }

    private void coldTargets(List<Target> targets) {
        Optional<Map<String, Object>> cold = nested("cold").stream().reduce((first, second) -> second);
        String phase = cold.map(row -> String.format(Locale.ROOT, "cold: first %d chains at 20/s after a restart",
                ((Number) row.get("chains")).intValue())).orElse("cold (--cold)");
        String p50 = "cold 1-step p50 <= 1.5x warm";
        String p99 = "cold 1-step p99 <= 2x warm";
        if (cold.isEmpty()) {
            targets.add(notMeasured("22", p50, phase));
            targets.add(notMeasured("22", p99, phase));
            return;
        }
        targets.add(ratioTarget("22", p50, number(cold.get(), "cold_p50_ms"), number(cold.get(), "warm_p50_ms"),
                Cold.P50_TARGET, phase));
        targets.add(ratioTarget("22", p99, number(cold.get(), "cold_p99_ms"), number(cold.get(), "warm_p99_ms"),
                Cold.P99_TARGET, phase));
    }

    /** Workchain's {@code percentile} over the floor's at {@code rate}, 1-step, open loop: at most {@code limit}. */
    private Target latency(String issue, String name, String floor, Optional<Double> rate, String percentile,
            double limit,
            String phase) {
        if (rate.isEmpty()) {
            return notMeasured(issue, name, phase);
        }
        Optional<Map<String, Object>> workchain = phase("workchain", 1, "open", rate.get());
        Optional<Map<String, Object>> base = phase(floor, 1, "open", rate.get());
        if (workchain.isEmpty() || base.isEmpty()) {
            return notMeasured(issue, name, phase);
        }
        return ratioTarget(issue, name, number(workchain.get(), percentile), number(base.get(), percentile), limit,
                phase);
    }

    private static Target ratioTarget(String issue, String name, double measured, double base, double limit,
            String phase) {
        return ratioTarget(issue, name, measured, base, limit, phase, false);
    }

    /** measured / base against limit: at most (or, {@code atLeast}, at least). */
    private static Target ratioTarget(String issue, String name, double measured, double base, double limit,
            String phase,
            boolean atLeast) {
        double ratio = measured / Math.max(0.001, base);
        return new Target(issue, name, String.format(Locale.ROOT, "%.2f (%.1f against %.1f)", ratio, measured, base),
                atLeast ? ratio >= limit : ratio <= limit, phase);
    }

    private static Target notMeasured(String issue, String name, String phase) {
        return new Target(issue, name, "not measured", null, phase);
    }

    /** The rate the run took as half Workchain's 1-step maximum, if it had one. */
    private Optional<Double> halfRate() {
        return nested("half_max_rate").stream().filter(row -> Integer.valueOf(1).equals(row.get("steps")))
                .map(row -> number(row, "rate")).reduce((first, second) -> second);
    }

    /** The latest phase row of a system, steps, mode and rate. */
    private Optional<Map<String, Object>> phase(String system, int steps, String mode, double rate) {
        for (int i = rows.size() - 1; i >= 0; i--) {
            Map<String, Object> row = rows.get(i);
            if (system.equals(row.get("system")) && Integer.valueOf(steps).equals(row.get("steps"))
                    && mode.equals(row.get("mode")) && row.get("rate") instanceof Number r && r.doubleValue() == rate) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }

    /** The rows kept under {@code key} (rows of one entry, {key: {...}}), in order. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> nested(String key) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            if (row.size() == 1 && row.get(key) instanceof Map<?, ?> map) {
                found.add((Map<String, Object>) map);
            }
        }
        return found;
    }

    private static double number(Map<String, Object> row, String key) {
        return row.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
