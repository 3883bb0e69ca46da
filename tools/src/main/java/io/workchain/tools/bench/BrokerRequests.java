package io.workchain.tools.bench;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How many requests the broker has handled, by kind (Produce, Fetch, EndTxn...), read from its own
 * request metrics ({@code kafka.network:type=RequestMetrics,name=RequestsPerSec}). The broker runs
 * in the benchmark's JVM, so its MBeans are this JVM's. Most of the broker's CPU is spent per
 * request, not per byte: requests per chain say where its share of a chain's cost comes from.
 * How long the requests a chain waits on took inside the broker, and in which part, comes from the
 * same metrics' time histograms ({@link #times()}).
 */
final class BrokerRequests {

    private static final String PATTERN = "kafka.network:type=RequestMetrics,name=RequestsPerSec,*";
    /** Fetches counted a second time by who sent them: left out, so that the total counts each request once. */
    private static final Set<String> SUBCOUNTS = Set.of("FetchConsumer", "FetchFollower");

    /** The requests a chain's path waits on (a transaction's writes, offsets and end; the broker's own checks). */
    private static final List<String> TIMED = List.of(
            "Produce", "TxnOffsetCommit", "EndTxn", "AddPartitionsToTxn", "WriteTxnMarkers");
    /** A request's time inside the broker, in parts: waiting for a handler thread, handled, waiting on others (a check, a replica), answered. */
    static final List<String> PARTS = List.of(
            "TotalTimeMs", "RequestQueueTimeMs", "LocalTimeMs", "RemoteTimeMs", "ResponseQueueTimeMs",
            "ResponseSendTimeMs");

    private BrokerRequests() {}

    /**
     * For each timed kind, per part: {count, sum of ms} so far (a histogram's mean times its count),
     * so that two readings give a phase's mean. Empty if unreadable.
     */
    static Map<String, double[]> times() {
        Map<String, double[]> times = new TreeMap<>();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            for (String request : TIMED) {
                for (String part : PARTS) {
                    ObjectName name = new ObjectName(
                            "kafka.network:type=RequestMetrics,name=" + part + ",request=" + request);
                    if (server.isRegistered(name)) {
                        long count = ((Number) server.getAttribute(name, "Count")).longValue();
                        double mean = ((Number) server.getAttribute(name, "Mean")).doubleValue();
                        times.put(request + "/" + part, new double[]{count, mean * count});
                    }
                }
            }
        } catch (Exception e) {
            // No metrics (another broker): the figures are left out, the run goes on.
        }
        return times;
    }

    /**
     * Each timed kind's mean ms inside the broker between two readings, as "total = queue + handled
     * + waiting on others + answering" (kinds with no request in between are left out).
     */
    static Map<String, String> meanTimes(Map<String, double[]> before, Map<String, double[]> after) {
        Map<String, String> means = new LinkedHashMap<>();
        for (String request : TIMED) {
            double[] parts = new double[PARTS.size()];
            boolean any = false;
            for (int i = 0; i < PARTS.size(); i++) {
                double[] a = after.get(request + "/" + PARTS.get(i));
                double[] b = before.getOrDefault(request + "/" + PARTS.get(i), new double[]{0, 0});
                if (a != null && a[0] > b[0]) {
                    // Each reading's sum is its mean times its count: a difference can come out a hair below zero.
                    parts[i] = Math.max(0, (a[1] - b[1]) / (a[0] - b[0]));
                    any = true;
                }
            }
            if (any) {
                means.put(request, String.format(Locale.ROOT, "%.2f = %.2f + %.2f + %.2f + %.2f",
                        parts[0], parts[1], parts[2], parts[3], parts[4] + parts[5]));
            }
        }
        return means;
    }

    /** Requests handled so far by kind (every version of a kind added up); empty if unreadable. */
    static Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            for (ObjectName name : server.queryNames(new ObjectName(PATTERN), null)) {
                Object count = server.getAttribute(name, "Count");
                String request = name.getKeyProperty("request");
                if (request != null && !SUBCOUNTS.contains(request) && count instanceof Number number) {
                    counts.merge(request, number.longValue(), Long::sum);
                }
            }
        } catch (Exception e) {
            // No metrics (another broker): the figures are left out, the run goes on.
        }
        return counts;
    }

    /** Per 1,000 chains, the kinds that grew between two readings, largest first; "total" among them. */
    static Map<String, Object> per1000(Map<String, Long> before, Map<String, Long> after, long chains) {
        Map<String, Double> grown = new TreeMap<>();
        after.forEach((kind, count) -> {
            long delta = count - before.getOrDefault(kind, 0L);
            if (delta > 0) {
                grown.put(kind, delta * 1000.0 / Math.max(1, chains));
            }
        });
        Map<String, Object> sorted = new LinkedHashMap<>();
        sorted.put("total", Math.round(grown.values().stream().mapToDouble(Double::doubleValue).sum()));
        grown.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .filter(e -> e.getValue() >= 1)
                .forEach(e -> sorted.put(e.getKey(), Math.round(e.getValue())));
        return sorted;
    }
}
