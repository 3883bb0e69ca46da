package io.workchain.notifier.stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Timer keys sort by time, as the store's range scan needs. */
class ChainTimersTest {

    @Test
    void keysAreZeroPaddedSoTheySortByTime() {
        assertEquals("0000000000000001000/abc", ChainTimers.key(1000, "abc"));
        assertEquals("9223372036854775807/h", ChainTimers.key(Long.MAX_VALUE, "h"));
        assertEquals("0000000000000000000/h", ChainTimers.key(-5, "h"));
        assertTrue(ChainTimers.key(999, "ffff").compareTo(ChainTimers.key(1000, "0000")) < 0);
    }
}
