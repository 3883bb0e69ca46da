package io.workchain.esb.service;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An operator's cancel stops a chain's work wherever it is, publishing nothing: work that retries
 * (as an item held through an outage does, tries and waits in turn) stops trying at once, work
 * read after the chain's marker never starts, and other chains' work goes on.
 */
class CancelledChainsTest {

    private static final String HASH = "0123456789abcdef0123456789abcdef";
    private static final String OTHER = "fedcba9876543210fedcba9876543210";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CancelledChains cancelled = new CancelledChains(registry);
    private final AtomicInteger calls = new AtomicInteger();

    /** Work that never ends by itself: a call that fails as an outage, tried again every 20 ms. */
    private Uni<Optional<String>> heldThroughAnOutage(AtomicBoolean stopped) {
        return Uni.createFrom().<Optional<String>>deferred(() -> {
            calls.incrementAndGet();
            return Uni.createFrom().failure(new IOException("connection refused"));
        }).onFailure().retry().withBackOff(Duration.ofMillis(20), Duration.ofMillis(20)).indefinitely()
                .onCancellation().invoke(() -> stopped.set(true));
    }

    @Test
    void workHeldThroughAnOutageStopsAtOnceWhenItsChainIsCancelled() throws Exception {
        AtomicBoolean stopped = new AtomicBoolean();
        CompletableFuture<Optional<String>> outcome = cancelled.unlessCancelled(HASH, heldThroughAnOutage(stopped))
                .subscribeAsCompletionStage();
        Thread.sleep(200);
        assertTrue(calls.get() > 1, "tried again and again meanwhile");

        cancelled.cancel(HASH);
        assertEquals(Optional.empty(), outcome.get(), "ends with nothing to publish");
        assertTrue(stopped.get(), "the work itself is cancelled: no timer left to try again");
        int callsAtCancel = calls.get();
        Thread.sleep(200);
        assertEquals(callsAtCancel, calls.get(), "no call after the cancel");
        assertEquals(0, cancelled.watched(), "nothing of the chain is kept");
        assertEquals(1, registry.counter("workchain.esb.items", "outcome", "CANCELLED", "kind", "none").count());
    }

    @Test
    void aStepOfACancelledChainReadLaterNeverStarts() {
        cancelled.cancel(HASH);
        assertTrue(cancelled.isCancelled(HASH));
        Optional<String> outcome = cancelled.unlessCancelled(HASH, Uni.createFrom().deferred(() -> {
            calls.incrementAndGet();
            return Uni.createFrom().item(Optional.of("answer"));
        })).await().atMost(Duration.ofSeconds(5));
        assertEquals(Optional.empty(), outcome);
        assertEquals(0, calls.get(), "never called");
    }

    @Test
    void otherChainsWorkGoesOn() {
        AtomicBoolean stopped = new AtomicBoolean();
        CompletableFuture<Optional<String>> held = cancelled.unlessCancelled(HASH, heldThroughAnOutage(stopped))
                .subscribeAsCompletionStage();
        cancelled.cancel(OTHER);
        assertFalse(held.isDone(), "another chain's cancel leaves this one's work alone");
        assertEquals(Optional.of("done"),
                cancelled.unlessCancelled(OTHER + "x", Uni.createFrom().item(Optional.of("done")))
                        .await().atMost(Duration.ofSeconds(5)));
        held.cancel(true);
    }

    @Test
    void workThatEndsByItselfLeavesNothingBehind() {
        assertEquals(Optional.of("done"), cancelled.unlessCancelled(HASH, Uni.createFrom().item(Optional.of("done")))
                .await().atMost(Duration.ofSeconds(5)));
        assertEquals(0, cancelled.watched());
        assertFalse(cancelled.isCancelled(HASH));
    }

    @Test
    void onlyTheLatestCancelledChainsAreRemembered() {
        for (int i = 0; i <= CancelledChains.REMEMBERED; i++) {
            cancelled.cancel(String.format("%032x", i));
        }
        assertFalse(cancelled.isCancelled(String.format("%032x", 0)), "the oldest forgotten: bounded memory");
        assertTrue(cancelled.isCancelled(String.format("%032x", CancelledChains.REMEMBERED)));
    }
}
