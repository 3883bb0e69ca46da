package io.workchain.esb.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.workchain.esb.config.EsbConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Bounds the calls to the gateway that are open at once, across every chain, without blocking a
 * thread: a call waits for a permit, and a finished (or cancelled) call hands its permit to the
 * next waiter.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // its gauges are on /q/metrics from the start
public class InFlightLimiter {

    /** One call's claim on a permit. Guarded by the limiter's lock. */
    private static final class Permit {
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        boolean granted;
        boolean done;
    }

    private final int limit;
    private final Deque<Permit> waiters = new ArrayDeque<>();
    private int available;

    @jakarta.inject.Inject
    public InFlightLimiter(EsbConfig config, MeterRegistry registry) {
        this(config.maxInFlight(), registry);
    }

    InFlightLimiter(int limit, MeterRegistry registry) {
        this.limit = limit;
        this.available = limit;
        Gauge.builder("workchain.esb.in_flight", this, InFlightLimiter::inFlight)
                .description("calls to the gateway open now").register(registry);
        Gauge.builder("workchain.esb.waiting", this, InFlightLimiter::waiting)
                .description("calls waiting for an in-flight permit").register(registry);
    }

    /** Runs {@code call} once a permit is free; the permit is released when it ends in any way. */
    public <T> Uni<T> run(Supplier<Uni<T>> call) {
        return Uni.createFrom().deferred(() -> {
            Permit permit = acquire();
            return Uni.createFrom().completionStage(permit.ready)
                    .chain(call::get)
                    .onTermination().invoke(() -> release(permit));
        });
    }

    public synchronized int inFlight() {
        return limit - available;
    }

    public synchronized int waiting() {
        return waiters.size();
    }

    private synchronized Permit acquire() {
        Permit permit = new Permit();
        if (available > 0) {
            available--;
            permit.granted = true;
            permit.ready.complete(null);
        } else {
            waiters.add(permit);
        }
        return permit;
    }

    private void release(Permit permit) {
        Permit next;
        synchronized (this) {
            if (permit.done) {
                return;
            }
            permit.done = true;
            if (!permit.granted) {
                waiters.remove(permit); // cancelled while waiting
                return;
            }
            next = waiters.poll();
            if (next == null) {
                available++;
                return;
            }
            next.granted = true; // the permit passes straight to the next waiter
        }
        next.ready.complete(null);
    }
}
