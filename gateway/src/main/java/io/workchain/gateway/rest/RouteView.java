package io.workchain.gateway.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.workchain.gateway.credentials.CredentialKind;
import io.workchain.gateway.policy.EffectivePolicy;
import io.workchain.gateway.policy.RouteGuard;

import java.util.List;
import java.util.Set;

/**
 * One route as {@code GET /routes} shows it: where it goes (credentials masked), the kinds of
 * credential its calls carry (never a value), the policy that applies (its own settings over the
 * global ones) and its live state. Durations in milliseconds.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouteView(String name, String kind, @JsonProperty("base_url") String baseUrl,
        List<String> credentials, Policy policy, @JsonProperty("in_flight") int inFlight,
        List<TargetState> targets) {

    /** The policy that applies; a limit of 0 is no limit, a null circuit breaker none. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Policy(int retries, @JsonProperty("backoff_ms") Long backoffMs,
            @JsonProperty("call_timeout_ms") long callTimeoutMs, @JsonProperty("max_in_flight") int maxInFlight,
            @JsonProperty("max_per_second") int maxPerSecond,
            @JsonProperty("circuit_breaker") CircuitBreaker circuitBreaker) {}

    @RegisterForReflection
    public record CircuitBreaker(@JsonProperty("request_volume") int requestVolume,
            @JsonProperty("failure_ratio") double failureRatio, @JsonProperty("delay_ms") long delayMs) {}

    /** A target of the route and the state of its circuit: closed, open, half-open, or none. */
    @RegisterForReflection
    public record TargetState(String target, String circuit) {}

    static RouteView of(RouteGuard guard, Set<CredentialKind> credentials) {
        EffectivePolicy policy = guard.policy();
        EffectivePolicy.Circuit circuit = policy.circuit();
        return new RouteView(guard.route(), guard.kind(), guard.baseUrl(),
                credentials.stream().map(CredentialKind::label).toList(),
                new Policy(policy.retries(), policy.backoff() == null ? null : policy.backoff().toMillis(),
                        policy.callTimeout().toMillis(), policy.maxInFlight(), policy.maxPerSecond(),
                        circuit == null
                                ? null
                                : new CircuitBreaker(circuit.requestVolume(), circuit.failureRatio(),
                                        circuit.delay().toMillis())),
                guard.inFlight(), List.of(new TargetState(guard.target(), guard.circuitState())));
    }
}
