package io.workchain.esb.service;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InFlightLimiterTest {

    @Test
    void neverMoreThanTheLimitOpenAtOnce() {
        InFlightLimiter limiter = new InFlightLimiter(3, new SimpleMeterRegistry());
        AtomicInteger open = new AtomicInteger();
        AtomicInteger maxOpen = new AtomicInteger();

        List<Integer> results = Multi.createFrom().range(0, 30)
                .onItem().transformToUniAndMerge(i -> limiter.run(() -> Uni.createFrom().item(i)
                        .invoke(() -> maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max))
                        .onItem().delayIt().by(Duration.ofMillis(20))
                        .invoke(open::decrementAndGet)))
                .collect().asList().await().atMost(Duration.ofSeconds(30));

        assertEquals(30, results.size());
        assertEquals(3, maxOpen.get());
        assertEquals(0, limiter.inFlight());
    }

    @Test
    void failuresAndCancellationsGiveTheirPermitBack() {
        InFlightLimiter limiter = new InFlightLimiter(1, new SimpleMeterRegistry());
        Uni<Object> failing = limiter.run(() -> Uni.createFrom().failure(new IllegalStateException("boom")));
        failing.onFailure().recoverWithNull().await().atMost(Duration.ofSeconds(5));
        assertEquals(0, limiter.inFlight());

        Cancellable holding = limiter.run(() -> Uni.createFrom().nothing()).subscribe().with(x -> {});
        Cancellable waiting = limiter.run(() -> Uni.createFrom().item("never")).subscribe().with(x -> {});
        assertEquals(1, limiter.inFlight());
        assertEquals(1, limiter.waiting());
        waiting.cancel();
        assertEquals(0, limiter.waiting());
        holding.cancel();
        assertEquals(0, limiter.inFlight());
        assertTrue(limiter.run(() -> Uni.createFrom().item("free again")).await().atMost(Duration.ofSeconds(5))
                .startsWith("free"));
    }
}
