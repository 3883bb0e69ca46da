package io.workchain.gateway.policy;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.RateLimitType;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.workchain.common.gateway.InvocationOutcome;
import jakarta.enterprise.util.TypeLiteral;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

/**
 * Builds a route's SmallRye Fault Tolerance guards from its policy, as three nested guards: retry
 * (outer), limits (rate limit, then bulkhead), circuit breaker (inner). One guard would apply them
 * in the library's fixed order, with the breaker outside the limits, and a breaker counts every
 * exception it does not fail on as a success: each call the limits held back would have hidden a
 * failure of the target. Nested, the breaker sees only the calls that were sent.
 * <p>
 * Only a {@link FailedAttempt} is retried and counted by the circuit: a call the bulkhead, the rate
 * limit or the open circuit holds back is not retried here, it goes back to the ESB as an outage
 * to wait out. Each retry is a call of its own: it takes a slot and a permit of the rate again.
 */
final class GuardBuilder {

    private static final TypeLiteral<Uni<InvocationOutcome>> OUTCOME = new TypeLiteral<>() {
    };

    private GuardBuilder() {}

    static RouteGuards build(String route, EffectivePolicy policy, Duration maxInvocationTime,
            Consumer<CircuitBreakerState> circuitChanged) {
        return new RouteGuards(retry(route, policy, maxInvocationTime), limits(route, policy),
                breaker(route, policy, circuitChanged));
    }

    private static TypedGuard<Uni<InvocationOutcome>> retry(String route, EffectivePolicy policy,
            Duration maxInvocationTime) {
        if (policy.retries() <= 0) {
            return null;
        }
        return checked(guard(route, "retry").withRetry().maxRetries(policy.retries())
                .delay(policy.backoff().toMillis(), ChronoUnit.MILLIS).jitter(0, ChronoUnit.MILLIS)
                .maxDuration(maxInvocationTime.toMillis(), ChronoUnit.MILLIS)
                .whenException(FailedAttempt.class::isInstance)
                .withExponentialBackoff().factor(2)
                // below the retries' max duration, as the library requires; the worst case is bounded anyway
                .maxDelay(Math.max(1, maxInvocationTime.toMillis() / 2), ChronoUnit.MILLIS).done()
                .done());
    }

    private static TypedGuard<Uni<InvocationOutcome>> limits(String route, EffectivePolicy policy) {
        if (policy.maxPerSecond() <= 0 && policy.maxInFlight() <= 0) {
            return null;
        }
        TypedGuard.Builder<Uni<InvocationOutcome>> builder = guard(route, "limits");
        if (policy.maxPerSecond() > 0) {
            // A fixed window: the library's rolling one records refused calls too, so callers that
            // keep trying (the ESB waiting out the limit) would be refused for ever.
            builder.withRateLimit().limit(policy.maxPerSecond()).window(1, ChronoUnit.SECONDS)
                    .type(RateLimitType.FIXED).done();
        }
        if (policy.maxInFlight() > 0) {
            // The library's asynchronous bulkhead keeps at least one call waiting for a slot; a
            // call past that is held back at once.
            builder.withBulkhead().limit(policy.maxInFlight()).queueSize(1).done();
        }
        return checked(builder);
    }

    private static TypedGuard<Uni<InvocationOutcome>> breaker(String route, EffectivePolicy policy,
            Consumer<CircuitBreakerState> circuitChanged) {
        EffectivePolicy.Circuit circuit = policy.circuit();
        if (circuit == null) {
            return null;
        }
        return checked(guard(route, "circuit breaker").withCircuitBreaker()
                .requestVolumeThreshold(circuit.requestVolume())
                .failureRatio(circuit.failureRatio()).delay(circuit.delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(1).when(FailedAttempt.class::isInstance)
                .onStateChange(circuitChanged)
                .done());
    }

    private static TypedGuard.Builder<Uni<InvocationOutcome>> guard(String route, String what) {
        // The calls are non-blocking (Vert.x): nothing to offload to another thread.
        return TypedGuard.create(OUTCOME).withDescription("route " + route + " " + what).withThreadOffload(false);
    }

    private static TypedGuard<Uni<InvocationOutcome>> checked(TypedGuard.Builder<Uni<InvocationOutcome>> builder) {
        TypedGuard<Uni<InvocationOutcome>> guard = builder.build();
        // The library builds (and checks) a guard at its first use: used once here, unsubscribed
        // (nothing runs), so a definition it refuses stops the startup instead of failing a call.
        guard.get(() -> Uni.createFrom().nullItem());
        return guard;
    }
}
