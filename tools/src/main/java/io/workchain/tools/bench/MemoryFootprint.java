package io.workchain.tools.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The memory phase ({@code --memory}, issue 22): each service's resident set ({@code VmRSS}) once
 * started and settled, then while {@code chains} one-step chains run in closed loop, every
 * {@link #CHECKPOINT} chains (growth or plateau), and at the end {@code VmRSS} and the peak
 * ({@code VmHWM}); with the services' JDK and JVM options (read off the running service's command
 * line), and whether every chain completed. Only the broker and the four services run (no floors).
 */
final class MemoryFootprint {

    /** A sample of every service's resident set after each this many chains. */
    static final int CHECKPOINT = 10_000;
    /** Chains in flight: the same closed loop as the benchmark's maxima. */
    static final int IN_FLIGHT = 64;
    /**
     * How long the services settle before the idle sample, after the benchmark's own idle sample
     * (5 s after the last service was ready): 10 s in all.
     */
    static final long SETTLE_MILLIS = 5_000;

    /** One sample of every process's resident set (MiB), after {@code chains} chains. */
    record Sample(int chains, Map<String, Double> rssMib) {}

    private final String jdk;
    private final List<String> jvmOptions;
    private final Map<String, Double> idle;
    private final List<Sample> samples;
    private final Map<String, Double> peak;
    private final int sent;
    private final int completed;
    private final double seconds;

    /** What the phase measured; {@code samples} in order, the last one the end of the run. */
    MemoryFootprint(String jdk, List<String> jvmOptions, Map<String, Double> idle, List<Sample> samples,
            Map<String, Double> peak, int sent, int completed, double seconds) {
        this.jdk = jdk;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.idle = idle;
        this.samples = List.copyOf(samples);
        this.peak = peak;
        this.sent = sent;
        this.completed = completed;
        this.seconds = seconds;
    }

    /**
     * Runs the phase: settles, samples idle, then {@code chains} one-step chains in closed loop in
     * batches of {@link #CHECKPOINT}, sampling after each, and the peak at the end.
     */
    static MemoryFootprint measure(LoadDriver driver, Map<String, Long> processes, int chains, String jdk,
            List<String> jvmOptions) {
        sleep(SETTLE_MILLIS);
        Map<String, Double> idle = read(processes, ProcessStats::rssMib);
        System.out.println("memory    idle RSS (MiB), settled: " + idle);
        List<Sample> samples = new ArrayList<>();
        int sent = 0;
        int completed = 0;
        long start = System.nanoTime();
        for (int batch : batches(chains, CHECKPOINT)) {
            LoadDriver.Result result = driver.closedLoop(LoadTarget.workchain(), 1, batch, IN_FLIGHT);
            sent += result.sent();
            completed += result.completed();
            Sample sample = new Sample(sent, read(processes, ProcessStats::rssMib));
            samples.add(sample);
            System.out.printf(Locale.ROOT,
                    "memory    %,7d chains (%,d completed, %.1f/s in this batch): RSS (MiB) %s%n",
                    sent, completed, result.throughput(), sample.rssMib());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new MemoryFootprint(jdk, jvmOptions, idle, samples, read(processes, ProcessStats::peakRssMib),
                sent, completed, seconds);
    }

    /** {@code chains} cut into batches of {@code every} (the last one the remainder). */
    static List<Integer> batches(int chains, int every) {
        List<Integer> batches = new ArrayList<>();
        for (int done = 0; done < chains; done += every) {
            batches.add(Math.min(every, chains - done));
        }
        return batches;
    }

    /**
     * The JVM options of a service's command line ({@code /proc/PID/cmdline}): every option before
     * {@code -jar} but its system properties ({@code -D}) and the launcher; an argument file
     * ({@code @FILE}) as it is named.
     */
    static List<String> jvmOptions(List<String> commandLine) {
        List<String> options = new ArrayList<>();
        for (String argument : commandLine.subList(Math.min(1, commandLine.size()), commandLine.size())) {
            if (argument.equals("-jar")) {
                break;
            }
            if (!argument.startsWith("-D")) {
                options.add(argument);
            }
        }
        return options;
    }

    boolean everyChainCompleted() {
        return sent == completed;
    }

    double throughput() {
        return completed / Math.max(0.001, seconds);
    }

    /** The growth of each process's resident set from its first checkpoint to the end (MiB). */
    Map<String, Double> growthAfterFirstCheckpoint() {
        Map<String, Double> growth = new LinkedHashMap<>();
        if (samples.isEmpty()) {
            return growth;
        }
        Map<String, Double> first = samples.get(0).rssMib();
        samples.get(samples.size() - 1).rssMib()
                .forEach((name, last) -> growth.put(name, round(last - first.getOrDefault(name, Double.NaN))));
        return growth;
    }

    /** The row of results.json ({@code memory}). */
    Map<String, Object> row() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("jdk", jdk);
        row.put("jvm_options", jvmOptions);
        row.put("chains", sent);
        row.put("completed", completed);
        row.put("every_chain_completed", everyChainCompleted());
        row.put("in_flight", IN_FLIGHT);
        row.put("seconds", round(seconds));
        row.put("throughput_per_s", round(throughput()));
        row.put("idle_rss_mib", rounded(idle));
        Map<String, Object> bySample = new LinkedHashMap<>();
        samples.forEach(sample -> bySample.put(Integer.toString(sample.chains()), rounded(sample.rssMib())));
        row.put("rss_mib_by_chains", bySample);
        row.put("end_rss_mib", samples.isEmpty() ? Map.of() : rounded(samples.get(samples.size() - 1).rssMib()));
        row.put("peak_rss_mib", rounded(peak));
        row.put("growth_after_first_checkpoint_mib", growthAfterFirstCheckpoint());
        return row;
    }

    /** The table: a line per process, idle, then RSS after every checkpoint, then the peak (MiB). */
    List<String> table() {
        List<String> lines = new ArrayList<>();
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-14s %7s", "process", "idle"));
        samples.forEach(sample -> header.append(String.format(Locale.ROOT, " %7s", kilo(sample.chains()))));
        lines.add(header.append(String.format(Locale.ROOT, " %7s", "peak")).toString());
        for (String name : idle.keySet()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-14s %7.1f", name, idle.get(name)));
            samples.forEach(sample -> line.append(String.format(Locale.ROOT, " %7.1f",
                    sample.rssMib().getOrDefault(name, Double.NaN))));
            lines.add(line.append(String.format(Locale.ROOT, " %7.1f", peak.getOrDefault(name, Double.NaN)))
                    .toString());
        }
        return lines;
    }

    /** What the benchmark prints: the table, then the JDK, the options, the chains and their rate. */
    List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("memory    RSS (MiB) idle, after every " + kilo(CHECKPOINT) + " chains, and peak (VmHWM):");
        table().forEach(line -> lines.add("          " + line));
        lines.add(String.format(Locale.ROOT,
                "memory    %s; JVM options %s; %,d of %,d chains completed%s in %.0f s (%.1f/s, %d in flight)", jdk,
                String.join(" ", jvmOptions), completed, sent, everyChainCompleted() ? "" : " (NOT every chain)",
                seconds, throughput(), IN_FLIGHT));
        lines.add("memory    growth from the first checkpoint to the end (MiB): " + growthAfterFirstCheckpoint());
        return lines;
    }

    /** The summary.md section of a {@code memory} row. */
    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> row) {
        StringBuilder md = new StringBuilder("\n## Memory (RSS MiB: idle, after every ")
                .append(kilo(CHECKPOINT)).append(" one-step chains in closed loop, peak)\n\n");
        Map<String, Object> idle = (Map<String, Object>) row.get("idle_rss_mib");
        Map<String, Object> bySample = (Map<String, Object>) row.get("rss_mib_by_chains");
        Map<String, Object> peak = (Map<String, Object>) row.get("peak_rss_mib");
        md.append("| process | idle |");
        bySample.keySet().forEach(chains -> md.append(' ').append(kilo(Integer.parseInt(chains))).append(" |"));
        md.append(" peak |\n| --- | --- |");
        bySample.keySet().forEach(chains -> md.append(" --- |"));
        md.append(" --- |\n");
        for (String name : idle.keySet()) {
            md.append("| ").append(name).append(" | ").append(idle.get(name)).append(" |");
            bySample.values().forEach(
                    sample -> md.append(' ').append(((Map<String, Object>) sample).get(name)).append(" |"));
            md.append(' ').append(peak.get(name)).append(" |\n");
        }
        md.append(String.format(Locale.ROOT,
                "%n%s; JVM options `%s`; %s of %s chains completed in %s s (%s/s, %s in flight).%n",
                row.get("jdk"), String.join(" ", (List<String>) row.get("jvm_options")), row.get("completed"),
                row.get("chains"), row.get("seconds"), row.get("throughput_per_s"), row.get("in_flight")));
        return md.toString();
    }

    /** "10k" for 10,000; the number otherwise. */
    static String kilo(int chains) {
        return chains % 1000 == 0 ? chains / 1000 + "k" : Integer.toString(chains);
    }

    private static Map<String, Double> read(Map<String, Long> processes, ToDoubleFunction<Long> stat) {
        Map<String, Double> values = new LinkedHashMap<>();
        processes.forEach((name, pid) -> values.put(name, stat.applyAsDouble(pid)));
        return values;
    }

    private static Map<String, Object> rounded(Map<String, Double> values) {
        Map<String, Object> rounded = new LinkedHashMap<>();
        values.forEach((name, value) -> rounded.put(name, round(value)));
        return rounded;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
