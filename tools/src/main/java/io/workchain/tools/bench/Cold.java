package io.workchain.tools.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the cold phase says: the first {@code chains} one-step chains at 20/s right after the
 * services restarted and reported ready, against as many on the warm services just before the
 * restart. Targets (issue 22): cold p50 within {@link #P50_TARGET} and p99 within
 * {@link #P99_TARGET} of warm.
 */
record Cold(int chains, double restartSeconds, Map<String, Double> readySeconds, double warmP50, double warmP99,
        double coldP50, double coldP99, int coldLost, int coldFailed, List<Double> coldP50ByWindow,
        List<Slow> slowest) {

    /** One of the slowest cold chains: when it was sent (seconds after the first) and how long it took. */
    record Slow(double sentAfterSeconds, double latencyMillis) {

        /** In a fixed order (results.json, summary.md): when it was sent, then how long it took. */
        Map<String, Double> row() {
            Map<String, Double> row = new LinkedHashMap<>();
            row.put("sent_after_s", sentAfterSeconds);
            row.put("ms", latencyMillis);
            return row;
        }
    }

    static final double P50_TARGET = 1.5;
    static final double P99_TARGET = 2.0;
    /** The windows (by scheduled send time) of the cold chains' p50, to show how long cold lasts. */
    static final int WINDOW_SECONDS = 5;

    static Cold of(int chains, double restartSeconds, Map<String, Double> readySeconds, LoadDriver.Result warm,
            LoadDriver.Result cold) {
        List<Double> byWindow = new ArrayList<>();
        long first = cold.completions().stream().mapToLong(LoadDriver.Completion::scheduledNanos).min().orElse(0);
        for (int window = 0;; window++) {
            long from = first + window * WINDOW_SECONDS * 1_000_000_000L;
            long to = from + WINDOW_SECONDS * 1_000_000_000L;
            List<Double> latencies = cold.completions().stream()
                    .filter(c -> c.scheduledNanos() >= from && c.scheduledNanos() < to)
                    .map(LoadDriver.Completion::latencyMillis).toList();
            if (latencies.isEmpty()) {
                break;
            }
            byWindow.add(Overload.p50(latencies));
        }
        return new Cold(chains, restartSeconds, readySeconds, millis(warm, 50), millis(warm, 99), millis(cold, 50),
                millis(cold, 99), cold.lost(), cold.failed(), byWindow, slowest(cold.completions(), first, chains));
    }

    /**
     * The slowest 1% of the cold chains (those at or above the p99), in the order they were sent:
     * whether the tail is the first seconds after ready or spread over the minute.
     */
    static List<Slow> slowest(List<LoadDriver.Completion> completions, long firstScheduledNanos, int chains) {
        return completions.stream()
                .sorted(Comparator.comparingDouble(LoadDriver.Completion::latencyMillis).reversed())
                .limit(Math.max(1, chains / 100))
                .sorted(Comparator.comparingLong(LoadDriver.Completion::scheduledNanos))
                .map(c -> new Slow(round((c.scheduledNanos() - firstScheduledNanos) / 1e9), round(c.latencyMillis())))
                .toList();
    }

    private static double millis(LoadDriver.Result result, double percentile) {
        return result.latencyMicros().getValueAtPercentile(percentile) / 1000.0;
    }

    double p50Ratio() {
        return coldP50 / Math.max(0.001, warmP50);
    }

    double p99Ratio() {
        return coldP99 / Math.max(0.001, warmP99);
    }

    Map<String, Object> row() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("chains", chains);
        row.put("rate", 20.0);
        row.put("restart_s", round(restartSeconds));
        row.put("ready_s", readySeconds);
        row.put("warm_p50_ms", round(warmP50));
        row.put("warm_p99_ms", round(warmP99));
        row.put("cold_p50_ms", round(coldP50));
        row.put("cold_p99_ms", round(coldP99));
        row.put("p50_ratio", Math.round(p50Ratio() * 100) / 100.0);
        row.put("p99_ratio", Math.round(p99Ratio() * 100) / 100.0);
        row.put("cold_lost", coldLost);
        row.put("cold_failed", coldFailed);
        row.put("cold_p50_ms_by_" + WINDOW_SECONDS + "s", coldP50ByWindow.stream().map(Cold::round).toList());
        row.put("cold_slowest_1pct", slowest.stream().map(Slow::row).toList());
        return row;
    }

    /** The lines the benchmark prints (each starting with "cold", which CI picks out). */
    List<String> describe() {
        return List.of(
                String.format(Locale.ROOT,
                        "cold      workchain first %d 1-step chains at 20/s after a restart (every restarted service "
                                + "ready %.1f s after the stop began): p50 %.1f ms, p99 %.1f ms; warm (%d before the restart): "
                                + "p50 %.1f ms, p99 %.1f ms  [cold / warm: p50 %.2f (target <= %.1f), p99 %.2f (target <= %.1f)]",
                        chains, restartSeconds, coldP50, coldP99, chains, warmP50, warmP99, p50Ratio(), P50_TARGET,
                        p99Ratio(), P99_TARGET),
                String.format(Locale.ROOT,
                        "cold      workchain p50 by %d s of sending: %s ms; lost %d, failed %d; ready after (s) %s",
                        WINDOW_SECONDS,
                        String.join(", ",
                                coldP50ByWindow.stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).toList()),
                        coldLost, coldFailed, readySeconds),
                String.format(Locale.ROOT, "cold      workchain the slowest 1%% (ms at s after the first send): %s",
                        String.join(", ", slowest.stream().map(slow -> String.format(Locale.ROOT, "%.0f at %.1f",
                                slow.latencyMillis(), slow.sentAfterSeconds())).toList())));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
