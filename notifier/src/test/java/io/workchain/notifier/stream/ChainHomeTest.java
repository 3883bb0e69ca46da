package io.workchain.notifier.stream;

import io.workchain.common.kafka.ChainPlacement;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A record is judged on its own topic's partitions, as the sink placed it: even with work and
 * notification topics of different partition counts (between two partition changes, say), a copy
 * put in place is in place, so no record goes round for ever.
 */
class ChainHomeTest {

    private static final String HASH = "3dd453dbc080e8ab3687c8ae74b6dbe1";
    private final ChainHome home = Map.of("work", 6, "notification", 3)::get;

    @Test
    void eachTopicByItsOwnCount() {
        int onNotifications = ChainPlacement.partitionOf(HASH, 3);
        int onWork = ChainPlacement.partitionOf(HASH, 6);
        assertTrue(home.isInPlace(HASH, "notification", onNotifications, HASH), "where the notification sink puts it");
        assertTrue(home.isInPlace(HASH, "work", onWork, HASH), "where the work sink puts it");
        assertFalse(home.isInPlace(HASH, "notification", (onNotifications + 1) % 3, HASH));
        assertFalse(home.isInPlace("other-key", "work", onWork, HASH), "keyed otherwise");
    }
}
