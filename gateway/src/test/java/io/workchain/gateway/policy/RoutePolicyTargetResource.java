package io.workchain.gateway.policy;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * A counting server behind routes that each have one policy: "plain" (none: the global call
 * timeout of 1 s, which RecordingTargetResource sets for every gateway test), "quick" (its own
 * 300 ms call timeout), "retrying" (2 retries), "narrow" (2 calls in flight, a 10 s call timeout), "metered" (3 calls
 * per second) "fragile" (a circuit breaker over 4 calls) "tight" (1 call in flight and 2 per second) and "shielded"
 * (1 call per second and a circuit that opens when the last 2 calls sent both failed).
 */
public class RoutePolicyTargetResource implements QuarkusTestResourceLifecycleManager {

    static CountingTarget target;

    @Override
    public Map<String, String> start() {
        target = CountingTarget.start();
        Map<String, String> config = new HashMap<>();
        for (String route : new String[]{"plain", "quick", "retrying", "narrow", "metered", "fragile", "tight",
                "shielded"}) {
            config.put("workchain.gateway.routes." + route, target.baseUrl() + "/" + route);
        }
        String policies = "workchain.gateway.route-policies.";
        config.put(policies + "quick.call-timeout", "300ms");
        config.put(policies + "retrying.retries", "2");
        config.put(policies + "retrying.backoff", "50ms");
        config.put(policies + "narrow.max-in-flight", "2");
        // Longer than its slow calls take, even on a busy machine: a call that timed out would free its
        // slot while the server still serves it, and the server would count it at once with the next.
        config.put(policies + "narrow.call-timeout", "10s");
        config.put(policies + "metered.max-per-second", "3");
        config.put(policies + "tight.max-in-flight", "1");
        config.put(policies + "tight.max-per-second", "2");
        config.put(policies + "fragile.circuit-breaker.request-volume", "4");
        config.put(policies + "fragile.circuit-breaker.failure-ratio", "0.5");
        config.put(policies + "fragile.circuit-breaker.delay", "2s");
        config.put(policies + "shielded.max-per-second", "1");
        config.put(policies + "shielded.circuit-breaker.request-volume", "2");
        config.put(policies + "shielded.circuit-breaker.failure-ratio", "1.0");
        config.put(policies + "shielded.circuit-breaker.delay", "30s");
        return config;
    }

    @Override
    public void stop() {
        target.close();
    }
}
