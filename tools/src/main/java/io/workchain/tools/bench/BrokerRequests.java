package io.workchain.tools.bench;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many requests the broker has handled, by kind (Produce, Fetch, EndTxn...), read from its own
 * request metrics ({@code kafka.network:type=RequestMetrics,name=RequestsPerSec}). The broker runs
 * in the benchmark's JVM, so its MBeans are this JVM's. Most of the broker's CPU is spent per
 * request, not per byte: requests per chain say where its share of a chain's cost comes from.
 */
final class BrokerRequests {

    private static final String PATTERN = "kafka.network:type=RequestMetrics,name=RequestsPerSec,*";
    /** Fetches counted a second time by who sent them: left out, so that the total counts each request once. */
    private static final java.util.Set<String> SUBCOUNTS = java.util.Set.of("FetchConsumer", "FetchFollower");

    private BrokerRequests() {
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
        Map<String, Object> sorted = new java.util.LinkedHashMap<>();
        sorted.put("total", Math.round(grown.values().stream().mapToDouble(Double::doubleValue).sum()));
        grown.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .filter(e -> e.getValue() >= 1)
                .forEach(e -> sorted.put(e.getKey(), Math.round(e.getValue())));
        return sorted;
    }
}
