package io.workchain.tools.bench;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
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
        Map<String, double[]> before = produceReading(100, 1000, 100, 200, 600, 50, 50);
        // 50 requests in the phase, 4 ms each on average: 1 queued, 0.5 handled, 2 waiting, 0.5 answering.
        Map<String, double[]> after = new HashMap<>(produceReading(150, 1200, 150, 225, 700, 60, 65));
        after.put("EndTxn/TotalTimeMs", new double[]{0, 0});
        Map<String, String> means = BrokerRequests.meanTimes(before, after);
        assertEquals("4.00 = 1.00 + 0.50 + 2.00 + 0.50", means.get("Produce"));
        assertFalse(means.containsKey("EndTxn"), "no EndTxn in the phase: left out, not shown as zero");
    }

    /**
     * What {@link BrokerRequests#times()} reads for Produce: {count, sum of ms} of each part, in the
     * order of {@link BrokerRequests#PARTS} (total, queued, handled, waiting on others, response
     * queued, response sent).
     */
    private static Map<String, double[]> produceReading(long count, double... sums) {
        Map<String, double[]> reading = new HashMap<>();
        for (int i = 0; i < BrokerRequests.PARTS.size(); i++) {
            reading.put("Produce/" + BrokerRequests.PARTS.get(i), new double[]{count, sums[i]});
        }
        return reading;
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
