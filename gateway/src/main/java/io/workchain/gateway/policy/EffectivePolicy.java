package io.workchain.gateway.policy;

import io.workchain.gateway.config.GatewayConfig;

import java.time.Duration;
import java.util.Locale;

/**
 * One route's policy as it applies: the route's own settings, the global ones where it sets none,
 * checked against their bounds and against the longest an invocation may take. Kept apart from
 * the guard that enforces it, so that the rules (and their errors) are testable without a call.
 *
 * @param backoff the wait before the first retry (doubled for each next one); null without retries
 * @param circuit the circuit breaker, or null for none
 */
public record EffectivePolicy(int retries, Duration backoff, Duration callTimeout, int maxInFlight, int maxPerSecond,
        Circuit circuit) {

    static final int MAX_RETRIES = 10;
    static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    static final int MAX_IN_FLIGHT = 10_000;
    static final int MAX_PER_SECOND = 100_000;
    static final int MAX_REQUEST_VOLUME = 1_000;
    static final Duration MAX_CIRCUIT_DELAY = Duration.ofHours(1);

    /** A route's circuit breaker: opens when failureRatio of the last requestVolume calls failed, for delay. */
    public record Circuit(int requestVolume, double failureRatio, Duration delay) {}

    /** A route without a policy: today's behaviour (the global call timeout, no retry, no limit, no circuit). */
    public static EffectivePolicy global(Duration callTimeout) {
        return new EffectivePolicy(0, null, callTimeout, 0, 0, null);
    }

    /**
     * A route's settings over the global ones, refused with a message naming the setting when a
     * value is out of bounds, when a call timeout is set on a route that is not HTTP(S) (publishes
     * keep the global one), or when the worst case exceeds {@code maxInvocationTime}.
     */
    public static EffectivePolicy of(String route, boolean http, GatewayConfig.RoutePolicy settings,
            Duration globalCallTimeout, Duration maxInvocationTime) {
        String prefix = "workchain.gateway.route-policies.\"" + route + "\".";
        within(prefix + "retries", settings.retries(), 0, MAX_RETRIES);
        within(prefix + "max-in-flight", settings.maxInFlight(), 0, MAX_IN_FLIGHT);
        within(prefix + "max-per-second", settings.maxPerSecond(), 0, MAX_PER_SECOND);
        positive(prefix + "backoff", settings.backoff(), true, MAX_BACKOFF);
        settings.callTimeout().ifPresent(timeout -> {
            positive(prefix + "call-timeout", timeout, false, maxInvocationTime);
            if (!http) {
                throw new IllegalArgumentException(prefix + "call-timeout: route '" + route
                        + "' publishes (AMQP or Kafka), and publishes keep workchain.gateway.call-timeout");
            }
        });
        EffectivePolicy policy = new EffectivePolicy(settings.retries(),
                settings.retries() > 0 ? settings.backoff() : null,
                settings.callTimeout().orElse(globalCallTimeout), settings.maxInFlight(), settings.maxPerSecond(),
                circuit(prefix + "circuit-breaker.", settings.circuitBreaker()));
        Duration worst = policy.worstCase();
        if (worst.compareTo(maxInvocationTime) > 0) {
            throw new IllegalArgumentException("route '" + route + "': with " + policy.retries()
                    + " retries, a call timeout of " + policy.callTimeout().toMillis() + " ms"
                    + (policy.maxInFlight() > 0 ? " (and a wait for a free slot of max-in-flight)" : "")
                    + " one invocation may take " + worst.toMillis() + " ms, longer than"
                    + " workchain.gateway.max-invocation-time (" + maxInvocationTime.toMillis() + " ms): lower "
                    + prefix + "retries, backoff or call-timeout (or raise max-invocation-time together with"
                    + " workchain.esb.attempt-timeout)");
        }
        return policy;
    }

    private static Circuit circuit(String prefix, GatewayConfig.CircuitBreaker settings) {
        within(prefix + "request-volume", settings.requestVolume(), 0, MAX_REQUEST_VOLUME);
        if (settings.requestVolume() == 0) {
            return null;
        }
        if (!(settings.failureRatio() > 0 && settings.failureRatio() <= 1)) {
            throw new IllegalArgumentException(
                    prefix + "failure-ratio must be above 0 and at most 1, got " + settings.failureRatio());
        }
        positive(prefix + "delay", settings.delay(), false, MAX_CIRCUIT_DELAY);
        return new Circuit(settings.requestVolume(), settings.failureRatio(), settings.delay());
    }

    /**
     * The longest one invocation may take: each try its call timeout (twice with max-in-flight: a
     * call waiting for a slot waits at most for one call under way to end), plus every backoff.
     */
    public Duration worstCase() {
        long perTry = callTimeout.toMillis() * (maxInFlight > 0 ? 2 : 1);
        long backoffs = backoff == null ? 0 : backoff.toMillis() * ((1L << retries) - 1);
        return Duration.ofMillis(perTry * (retries + 1L) + backoffs);
    }

    /** Whether the policy asks for anything the fault-tolerance library enforces. */
    public boolean guarded() {
        return retries > 0 || maxInFlight > 0 || maxPerSecond > 0 || circuit != null;
    }

    private static void within(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    private static void positive(String key, Duration value, boolean zeroAllowed, Duration max) {
        if (value.isNegative() || (!zeroAllowed && value.isZero()) || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(key + " must be " + (zeroAllowed ? "at least 0" : "above 0")
                    + " and at most " + max.toString().toLowerCase(Locale.ROOT).substring(2) + ", got "
                    + value.toString().toLowerCase(Locale.ROOT).substring(2));
        }
    }
}
