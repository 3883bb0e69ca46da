package io.workchain.tools.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an overload phase says ({@link LoadDriver#overload}): one-step messages at twice the
 * closed-loop maximum for a while, then a 20/s probe. <b>Goodput</b>: answers that did not fail,
 * per second, from the start of the overload to {@link #AFTER} after its end (or to the last
 * answer, if the backlog drained sooner), against the system's closed-loop maximum (or the offered
 * rate, where that is lower: the same rate is offered to the floor, whose maximum may be higher,
 * and a system is not asked for more than it is offered); <b>exactly
 * once</b>: every message sent answered once (none lost, none duplicated, none failed);
 * <b>recovery</b>: the p50 of the probe in windows after the end, and the end of the first whole
 * window whose p50 is back within {@link #RECOVERED} of the warm 20/s p50.
 */
record Overload(String system, double rate, double seconds, int sent, int completed, int duplicates, int failed,
        double goodput, double during, double after, int backlog, double drainedAfterSeconds, double closedLoopMax,
        double warmP50, List<Window> windows, Double recoveredAfterSeconds) {

    /** "Just after" the overload: its answers in this much time after its end still count to goodput. */
    static final Duration AFTER = Duration.ofSeconds(5);
    /** Behind by at least this much at the end of the overload: overloaded. */
    static final Duration BEHIND = Duration.ofSeconds(1);
    /** The probe's windows. */
    static final Duration WINDOW = Duration.ofSeconds(5);
    /** Back to normal: the probe's p50 within this factor of the warm 20/s p50. */
    static final double RECOVERED = 1.5;

    /** One probe window: its p50 (ms), answers and messages. */
    record Window(double p50, int answered, int sent) {}

    int lost() {
        return sent - completed;
    }

    /** Goodput over what the system could deliver: its closed-loop maximum, or the offered rate if lower. */
    double goodputRatio() {
        double expected = Math.min(rate, closedLoopMax);
        return expected > 0 ? goodput / expected : 0;
    }

    /**
     * Whether the system fell behind at all: its backlog took at least {@link #BEHIND} to drain
     * after the end (or never drained). A closed-loop maximum of 64 chains in flight can be well
     * below what the same system sustains in open loop (larger batches): twice it is then no
     * overload, and its goodput says nothing about one.
     */
    boolean overloaded() {
        return Double.isNaN(drainedAfterSeconds) || drainedAfterSeconds >= BEHIND.toMillis() / 1000.0;
    }

    boolean exactlyOnce() {
        return lost() == 0 && duplicates == 0 && failed == 0;
    }

    static Overload of(String system, double rate, LoadDriver.OverloadRun run, double closedLoopMax, double warmP50) {
        LoadDriver.Result result = run.result();
        long start = run.startNanos();
        long end = run.endNanos();
        long afterEnd = end + AFTER.toNanos();
        List<LoadDriver.Completion> overload = result.completions().stream().filter(c -> c.tag() == 0).toList();
        long lastDone = overload.stream().mapToLong(LoadDriver.Completion::doneNanos).max().orElse(start);
        long goodputEnd = overload.size() == run.overloadSent() ? Math.min(afterEnd, lastDone) : afterEnd;
        long good = overload.stream().filter(c -> !c.failed() && c.doneNanos() <= goodputEnd).count();
        long during = overload.stream().filter(c -> !c.failed() && c.doneNanos() <= end).count();
        long after = overload.stream().filter(c -> !c.failed() && c.doneNanos() > end && c.doneNanos() <= afterEnd)
                .count();
        long answeredByEnd = overload.stream().filter(c -> c.doneNanos() <= end).count();
        List<Window> windows = new ArrayList<>();
        Double recovered = null;
        for (int tag = 1; tag <= run.probeSent().size(); tag++) {
            int number = tag;
            List<Double> latencies = result.completions().stream().filter(c -> c.tag() == number)
                    .map(LoadDriver.Completion::latencyMillis).toList();
            int sent = run.probeSent().get(tag - 1);
            Window window = new Window(p50(latencies), latencies.size(), sent);
            windows.add(window);
            if (recovered == null && latencies.size() == sent && sent > 0 && window.p50() <= RECOVERED * warmP50) {
                recovered = (double) tag * WINDOW.toSeconds();
            }
        }
        return new Overload(system, rate, (end - start) / 1e9, result.sent(), result.completed(), result.duplicates(),
                result.failed(), good / Math.max(1e-9, (goodputEnd - start) / 1e9),
                during / Math.max(1e-9, (end - start) / 1e9),
                after / (double) AFTER.toSeconds(), (int) (run.overloadSent() - answeredByEnd),
                overload.size() == run.overloadSent() ? (lastDone - end) / 1e9 : Double.NaN,
                closedLoopMax, warmP50, windows, recovered);
    }

    /** The median (the upper one of an even count), or NaN for none. */
    static double p50(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    Map<String, Object> row() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("system", system);
        row.put("rate", round(rate));
        row.put("seconds", round(seconds));
        row.put("sent", sent);
        row.put("completed", completed);
        row.put("lost", lost());
        row.put("duplicates", duplicates);
        row.put("failed", failed);
        row.put("goodput_per_s", round(goodput));
        row.put("during_per_s", round(during));
        row.put("just_after_per_s", round(after));
        row.put("backlog_at_end", backlog);
        row.put("overloaded", overloaded());
        row.put("drained_after_s", Double.isNaN(drainedAfterSeconds) ? "not drained" : round(drainedAfterSeconds));
        row.put("closed_loop_max_per_s", round(closedLoopMax));
        row.put("offered_x_max", round2(rate / Math.max(1e-9, closedLoopMax)));
        row.put("goodput_ratio", round2(goodputRatio()));
        row.put("warm_20_per_s_p50_ms", round(warmP50));
        row.put("probe_p50_ms_by_window", windows.stream().map(w -> round(w.p50())).toList());
        row.put("probe_window_s", WINDOW.toSeconds());
        row.put("recovered_after_s", recovered() ? round(recoveredAfterSeconds) : "not recovered");
        return row;
    }

    boolean recovered() {
        return recoveredAfterSeconds != null;
    }

    /** The lines the benchmark prints (each starting with "overload", which CI picks out). */
    List<String> describe() {
        List<String> p50s = windows.stream().map(w -> String.format(Locale.ROOT, "%.0f", w.p50())).toList();
        return List.of(
                String.format(Locale.ROOT,
                        "overload  %-9s 1-step at %.0f/s (%.2fx its closed-loop maximum %.1f/s) for %.0f s: sent %d, "
                                + "answered %d (lost %d, duplicated %d, failed %d); goodput %.1f/s = %.2fx %s (during %.1f/s, %d s after "
                                + "%.1f/s; backlog at the end %d, drained %s%s)",
                        system, rate, rate / Math.max(1e-9, closedLoopMax), closedLoopMax, seconds, sent, completed,
                        lost(), duplicates,
                        failed, goodput, goodputRatio(),
                        rate < closedLoopMax ? "the offered rate (below its maximum)" : "its maximum",
                        during, AFTER.toSeconds(), after, backlog, Double.isNaN(drainedAfterSeconds)
                                ? "never"
                                : String.format(Locale.ROOT, "%.1f s after the end", drainedAfterSeconds),
                        overloaded() ? "" : ": it kept up, no overload at this rate"),
                String.format(Locale.ROOT,
                        "overload  %-9s 20/s probe after the end, p50 by %d s window: %s ms (warm 20/s p50 %.1f ms): %s",
                        system, WINDOW.toSeconds(), String.join(", ", p50s), warmP50, recovered()
                                ? String.format(Locale.ROOT, "back within %.1fx after %.0f s", RECOVERED,
                                        recoveredAfterSeconds)
                                : String.format(Locale.ROOT, "not back within %.1fx in %d s", RECOVERED,
                                        windows.size() * WINDOW.toSeconds())));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
