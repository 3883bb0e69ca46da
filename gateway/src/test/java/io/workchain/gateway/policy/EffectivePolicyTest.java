package io.workchain.gateway.policy;

import io.workchain.gateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a route's settings become its policy: the global defaults, the bounds, the worst case, the masking. */
class EffectivePolicyTest {

    private static final Duration GLOBAL = Duration.ofSeconds(10);
    private static final Duration BUDGET = Duration.ofSeconds(25);

    /** A route's settings as the config would give them; the values the interface's defaults name unless set. */
    record Settings(int retries, Duration backoff, Optional<Duration> callTimeout, int maxInFlight, int maxPerSecond,
            Breaker circuitBreaker) implements GatewayConfig.RoutePolicy {
        static Settings defaults() {
            return new Settings(0, Duration.ofMillis(200), Optional.empty(), 0, 0, new Breaker(0, 0.5,
                    Duration.ofSeconds(5)));
        }
    }

    record Breaker(int requestVolume, double failureRatio, Duration delay) implements GatewayConfig.CircuitBreaker {}

    @Test
    void aRouteWithoutPolicyKeepsTodaysBehaviour() {
        EffectivePolicy policy = EffectivePolicy.global(GLOBAL);
        assertEquals(GLOBAL, policy.callTimeout());
        assertEquals(0, policy.retries());
        assertNull(policy.circuit());
        assertFalse(policy.guarded(), "no guard at all: the call runs as before");
    }

    @Test
    void unsetSettingsFallBackToTheGlobalOnes() {
        EffectivePolicy policy = EffectivePolicy.of("demo", true, Settings.defaults(), GLOBAL, BUDGET);
        assertEquals(GLOBAL, policy.callTimeout());
        assertNull(policy.backoff(), "no retries, no backoff");
        assertNull(policy.circuit(), "request-volume 0: no circuit breaker");
        assertFalse(policy.guarded());
    }

    @Test
    void aRoutesOwnSettingsApply() {
        Settings settings = new Settings(2, Duration.ofMillis(100), Optional.of(Duration.ofSeconds(3)), 4, 20,
                new Breaker(10, 0.25, Duration.ofSeconds(30)));
        EffectivePolicy policy = EffectivePolicy.of("partner", true, settings, GLOBAL, BUDGET);
        assertEquals(Duration.ofSeconds(3), policy.callTimeout());
        assertEquals(Duration.ofMillis(100), policy.backoff());
        assertEquals(new EffectivePolicy.Circuit(10, 0.25, Duration.ofSeconds(30)), policy.circuit());
        assertTrue(policy.guarded());
        // 3 tries of (3 s, twice with max-in-flight) + backoffs 100 + 200 ms.
        assertEquals(Duration.ofMillis(3 * 6000 + 300), policy.worstCase());
    }

    @Test
    void aPolicyThatCouldOutlastTheEsbsAttemptIsRefused() {
        Settings settings = new Settings(3, Duration.ofMillis(200), Optional.empty(), 0, 0, Settings.defaults()
                .circuitBreaker());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> EffectivePolicy.of("slow", true, settings, GLOBAL, BUDGET));
        assertTrue(error.getMessage().contains("workchain.gateway.max-invocation-time"), error.getMessage());
        assertTrue(error.getMessage().contains("route 'slow'"), error.getMessage());
    }

    @Test
    void outOfBoundsSettingsAreRefusedByName() {
        Settings defaults = Settings.defaults();
        assertRefused("workchain.gateway.route-policies.\"r\".retries must be between 0 and 10, got 11",
                new Settings(11, defaults.backoff(), Optional.empty(), 0, 0, defaults.circuitBreaker()));
        assertRefused("workchain.gateway.route-policies.\"r\".max-in-flight must be between 0 and 10000, got -1",
                new Settings(0, defaults.backoff(), Optional.empty(), -1, 0, defaults.circuitBreaker()));
        assertRefused("workchain.gateway.route-policies.\"r\".call-timeout must be above 0",
                new Settings(0, defaults.backoff(), Optional.of(Duration.ZERO), 0, 0, defaults.circuitBreaker()));
        assertRefused("workchain.gateway.route-policies.\"r\".circuit-breaker.failure-ratio must be above 0",
                new Settings(0, defaults.backoff(), Optional.empty(), 0, 0, new Breaker(5, 0,
                        Duration.ofSeconds(1))));
    }

    @Test
    void aPublishingRouteKeepsTheGlobalCallTimeout() {
        Settings settings = new Settings(0, Duration.ofMillis(200), Optional.of(Duration.ofSeconds(2)), 0, 5,
                Settings.defaults().circuitBreaker());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> EffectivePolicy.of("events", false, settings, GLOBAL, BUDGET));
        assertTrue(error.getMessage().contains("publishes keep workchain.gateway.call-timeout"), error.getMessage());
    }

    @Test
    void routesAreShownWithoutCredentials() {
        assertEquals("amqp://***@rabbit:5672", RoutePolicies.masked("amqp://guest:s3cret@rabbit:5672"));
        assertEquals("https://api.example/v1?...", RoutePolicies.masked("https://api.example/v1?token=s3cret"));
        assertEquals("kafka://***@one:9092,two:9092",
                RoutePolicies.origin(URI.create("kafka://u:p@one:9092,two:9092")));
        assertEquals("http://127.0.0.1:8084", RoutePolicies.origin(URI.create("http://127.0.0.1:8084/api")));
        assertEquals("amqp", RoutePolicies.kind(URI.create("amqps://broker:5671")));
    }

    private static void assertRefused(String message, Settings settings) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> EffectivePolicy.of("r", true, settings, GLOBAL, BUDGET));
        assertTrue(error.getMessage().startsWith(message), error.getMessage());
    }
}
