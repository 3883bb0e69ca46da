package io.workchain.gateway.policy;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.mutiny.Uni;
import io.workchain.common.gateway.FailureKind;
import io.workchain.common.gateway.InvocationOutcome;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs one route's calls under its policy and keeps its live state (calls in flight, the state of
 * the circuit to its target). A route has one target: its calls all go to its base URL's origin
 * (the resolver refuses an endpoint that leaves it), so the route's circuit is its target's.
 * <p>
 * A call the policy holds back (every slot taken, over the rate, circuit open) was never sent: it
 * comes back FAILED {@link FailureKind#CANCELLED}, the gateway's unavailability, which the ESB waits
 * out like an outage until the chain's deadline; it never fails the item.
 */
public final class RouteGuard {

    private static final Logger LOG = Logger.getLogger(RouteGuard.class);

    private final String route;
    private final String kind;
    private final String baseUrl;
    private final String target;
    private final EffectivePolicy policy;
    /** Null when the policy asks for nothing the library enforces: the call runs as it is. */
    private final RouteGuards guards;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicReference<CircuitBreakerState> circuit = new AtomicReference<>(CircuitBreakerState.CLOSED);

    RouteGuard(RouteTarget where, EffectivePolicy policy, Duration maxInvocationTime) {
        this.route = where.route();
        this.kind = where.kind();
        this.baseUrl = where.baseUrl();
        this.target = where.target();
        this.policy = policy;
        this.guards = policy.guarded()
                ? GuardBuilder.build(route, policy, maxInvocationTime, this::circuitChanged)
                : null;
    }

    /** Where a route goes, as shown: name, kind (http, https, amqp, kafka), base URL and target, credentials masked. */
    record RouteTarget(String route, String kind, String baseUrl, String target) {}

    /** One invocation's delivery under the route's policy; {@code attempt} makes one call, each time it is asked. */
    public Uni<InvocationOutcome> call(Supplier<Uni<InvocationOutcome>> attempt) {
        Supplier<Uni<InvocationOutcome>> counted = () -> Uni.createFrom().deferred(() -> {
            inFlight.incrementAndGet();
            return attempt.get();
        }).onTermination().invoke(inFlight::decrementAndGet);
        if (guards == null) {
            return counted.get();
        }
        return Uni.createFrom()
                .deferred(() -> guards.run(() -> counted.get().onItem()
                        .transformToUni(outcome -> FailedAttempt.counts(outcome)
                                ? Uni.createFrom().failure(new FailedAttempt(outcome))
                                : Uni.createFrom().item(outcome))))
                .onFailure().recoverWithUni(this::heldBack);
    }

    /** What the guard threw, as an outcome: a failed attempt as it was, a held-back call as an outage. */
    private Uni<InvocationOutcome> heldBack(Throwable error) {
        if (error instanceof FailedAttempt failed) {
            return Uni.createFrom().item(failed.outcome());
        }
        String why;
        if (error instanceof CircuitBreakerOpenException) {
            why = "the circuit to " + target + " is open after failures (trial call in "
                    + policy.circuit().delay().toMillis() + " ms at most)";
        } else if (error instanceof BulkheadException) {
            why = policy.maxInFlight() + " calls are under way (max-in-flight)";
        } else if (error instanceof RateLimitException) {
            why = "more than " + policy.maxPerSecond() + " calls this second (max-per-second)";
        } else {
            return Uni.createFrom().failure(error);
        }
        return Uni.createFrom().item(InvocationOutcome.failed(FailureKind.CANCELLED,
                "route '" + route + "' held the call back: " + why + "; not sent, to be tried again", 0));
    }

    private void circuitChanged(CircuitBreakerState state) {
        CircuitBreakerState before = circuit.getAndSet(state);
        if (before != state) {
            LOG.infof("route '%s': the circuit to %s is %s", route, target, circuitState());
        }
    }

    public String route() {
        return route;
    }

    public String kind() {
        return kind;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String target() {
        return target;
    }

    public EffectivePolicy policy() {
        return policy;
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** closed, open or half-open; none when the route has no circuit breaker. */
    public String circuitState() {
        if (policy.circuit() == null) {
            return "none";
        }
        return circuit.get().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean circuitOpen() {
        return policy.circuit() != null && circuit.get() == CircuitBreakerState.OPEN;
    }
}
