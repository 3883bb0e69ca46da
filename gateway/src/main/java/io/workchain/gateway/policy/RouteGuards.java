package io.workchain.gateway.policy;

import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.workchain.common.gateway.InvocationOutcome;

import java.util.function.Supplier;

/**
 * A route's guards, outermost first, as {@link GuardBuilder} made them; each is null when the
 * route's policy asks nothing of it.
 */
record RouteGuards(TypedGuard<Uni<InvocationOutcome>> retry, TypedGuard<Uni<InvocationOutcome>> limits,
        TypedGuard<Uni<InvocationOutcome>> breaker) {

    /** {@code attempt} (one call) under the breaker, under the limits, under the retry. */
    Uni<InvocationOutcome> run(Supplier<Uni<InvocationOutcome>> attempt) {
        Supplier<Uni<InvocationOutcome>> broken = breaker == null ? attempt : () -> breaker.get(attempt);
        Supplier<Uni<InvocationOutcome>> limited = limits == null ? broken : () -> limits.get(broken);
        return retry == null ? limited.get() : retry.get(limited);
    }
}
