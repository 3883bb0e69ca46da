package io.workchain.esb.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 19, case 3: work that waits out an outage gives its slot back, within a bound. */
class RecordSlotTest {

    @Test
    void aRecordSetAsideFreesItsSlotAndItsRoomWhenItEnds() {
        HeldWork held = new HeldWork(2, 1_000);
        RecordSlot slot = new RecordSlot(held, 400);

        slot.holdAside();
        slot.holdAside(); // a second outage wait of the same record takes no more room

        assertTrue(slot.isHeldAside());
        assertEquals(1, held.records());
        assertEquals(400, held.bytes());
        slot.freed().await().atMost(Duration.ofSeconds(1)); // the slot is free while the work waits
        slot.finish();
        assertEquals(0, held.records());
        assertEquals(0, held.bytes());
    }

    @Test
    void pastTheBoundAWaitingRecordKeepsItsSlot() {
        HeldWork held = new HeldWork(1, 1_000);
        RecordSlot first = new RecordSlot(held, 100);
        RecordSlot second = new RecordSlot(held, 100);
        RecordSlot tooLarge = new RecordSlot(new HeldWork(10, 1_000), 2_000);

        first.holdAside();
        second.holdAside();
        tooLarge.holdAside();

        assertTrue(first.isHeldAside());
        assertFalse(second.isHeldAside(), "over the count");
        assertFalse(tooLarge.isHeldAside(), "over the bytes");
        assertFalse(second.freed().subscribeAsCompletionStage().isDone());
        first.finish();
        second.holdAside(); // room again: its next wait sets it aside
        assertTrue(second.isHeldAside());
    }

    @Test
    void aRecordThatEndsIsNeverSetAsideAfterwards() {
        HeldWork held = new HeldWork(5, 1_000);
        RecordSlot slot = new RecordSlot(held, 10);
        slot.finish();
        slot.holdAside();
        assertFalse(slot.isHeldAside());
        assertEquals(0, held.records());
    }
}
