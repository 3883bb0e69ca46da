package io.workchain.tools.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A phase's broker figures are differences of two readings of the broker's cumulative metrics: the
 * requests per 1,000 chains, and each kind's mean time (sums over counts) in its parts.
 */
class BrokerRequestsTest {

    @Test
    void meanTimesAreThePhasesOwnAndSplitIntoParts() {
        Map<String, double[]> before = Map.of(
                "Produce/TotalTimeMs", new double[]{100, 1000},
                "Produce/RequestQueueTimeMs", new double[]{100, 100},
                "Produce/LocalTimeMs", new double[]{100, 200},
                "Produce/RemoteTimeMs", new double[]{100, 600},
                "Produce/ResponseQueueTimeMs", new double[]{100, 50},
                "Produce/ResponseSendTimeMs", new double[]{100, 50});
        // 50 requests in the phase, 4 ms each on average: 1 queued, 0.5 handled, 2 waiting, 0.5 answering.
        Map<String, double[]> after = Map.of(
                "Produce/TotalTimeMs", new double[]{150, 1200},
                "Produce/RequestQueueTimeMs", new double[]{150, 150},
                "Produce/LocalTimeMs", new double[]{150, 225},
                "Produce/RemoteTimeMs", new double[]{150, 700},
                "Produce/ResponseQueueTimeMs", new double[]{150, 60},
                "Produce/ResponseSendTimeMs", new double[]{150, 65},
                "EndTxn/TotalTimeMs", new double[]{0, 0});
        Map<String, String> means = BrokerRequests.meanTimes(before, after);
        assertEquals("4.00 = 1.00 + 0.50 + 2.00 + 0.50", means.get("Produce"));
        assertFalse(means.containsKey("EndTxn"), "no EndTxn in the phase: left out, not shown as zero");
    }

    @Test
    void requestsPer1000ChainsCountOnlyWhatGrew() {
        Map<String, Object> per1000 = BrokerRequests.per1000(Map.of("Produce", 10L, "Fetch", 5L),
                Map.of("Produce", 30L, "Fetch", 5L, "EndTxn", 2L), 10);
        assertEquals(2200L, per1000.get("total"));
        assertEquals(2000L, per1000.get("Produce"));
        assertEquals(200L, per1000.get("EndTxn"));
        assertFalse(per1000.containsKey("Fetch"));
    }
}
