package io.workchain.esb.service;

import io.smallrye.mutiny.Uni;

import java.util.concurrent.CompletableFuture;

/**
 * One of the consumer's record slots ({@code max-concurrent-records}), taken by a step record
 * until its work ends, or until the work only waits out an outage: then the record is set aside
 * ({@link HeldWork}, within its bound) and the slot is free for other chains' records while the
 * waiting goes on. Acknowledgement still follows the work's end: nothing is lost by freeing a slot.
 */
public final class RecordSlot {

    private final HeldWork held;
    private final long size;
    private final CompletableFuture<Void> freed = new CompletableFuture<>();
    private boolean setAside;

    public RecordSlot(HeldWork held, long size) {
        this.held = held;
        this.size = size;
    }

    /** A slot that is never given back early (tests of one item, with no consumer around it). */
    public static RecordSlot kept() {
        return new RecordSlot(new HeldWork(0, 0), 0);
    }

    /** The work waits out an outage: set the record aside and free its slot, if the bound allows. */
    public synchronized void holdAside() {
        if (!setAside && !freed.isDone() && held.tryHold(size)) {
            setAside = true;
            freed.complete(null);
        }
    }

    /** The work ended (its notifications or dead letter written): the slot, or the room aside, is free. */
    public synchronized void finish() {
        if (setAside) {
            held.release(size);
            setAside = false;
        }
        freed.complete(null);
    }

    /** Whether the record was set aside and has not ended yet. */
    public synchronized boolean isHeldAside() {
        return setAside;
    }

    /** Completes when the slot is free: the work ended or was set aside. */
    public Uni<Void> freed() {
        return Uni.createFrom().completionStage(freed);
    }
}
