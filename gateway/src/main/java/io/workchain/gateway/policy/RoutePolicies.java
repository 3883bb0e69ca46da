package io.workchain.gateway.policy;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.workchain.common.SafeUrls;
import io.workchain.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One {@link RouteGuard} per configured route, built at startup from
 * {@code workchain.gateway.route-policies}: a policy that names no route, or is out of bounds, stops
 * the gateway with a message saying which setting. Each route's live state is a gauge:
 * {@code workchain_gateway_route_in_flight} and {@code workchain_gateway_route_circuit_open} (1
 * while the circuit to the route's target is open), tagged by route.
 */
// Created at startup: a policy that is refused stops the gateway before it takes a call.
@Startup
@ApplicationScoped
public class RoutePolicies {

    private final Map<String, RouteGuard> guards = new TreeMap<>();
    private final Duration globalCallTimeout;

    public RoutePolicies(GatewayConfig config, MeterRegistry registry) {
        this.globalCallTimeout = config.callTimeout();
        Set<String> unknown = new TreeSet<>(config.routePolicies().keySet());
        unknown.removeAll(config.routes().keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("workchain.gateway.route-policies names no route: " + unknown
                    + " (routes: " + new TreeSet<>(config.routes().keySet()) + ")");
        }
        for (Map.Entry<String, String> route : config.routes().entrySet()) {
            URI base = URI.create(route.getValue());
            String kind = kind(base);
            GatewayConfig.RoutePolicy settings = config.routePolicies().get(route.getKey());
            EffectivePolicy policy = settings == null
                    ? EffectivePolicy.global(config.callTimeout())
                    : EffectivePolicy.of(route.getKey(), kind.startsWith("http"), settings, config.callTimeout(),
                            config.maxInvocationTime());
            RouteGuard guard = new RouteGuard(new RouteGuard.RouteTarget(route.getKey(), kind,
                    masked(route.getValue()), origin(base)), policy,
                    config.maxInvocationTime());
            guards.put(route.getKey(), guard);
            Gauge.builder("workchain.gateway.route.in.flight", guard, RouteGuard::inFlight)
                    .description("calls to the route under way").tag("route", route.getKey()).register(registry);
            Gauge.builder("workchain.gateway.route.circuit.open", guard, g -> g.circuitOpen() ? 1 : 0)
                    .description("1 while the circuit to the route's target is open (calls are held back)")
                    .tag("route", route.getKey()).register(registry);
        }
    }

    /** The guard of a route, or null for a call that named no route (an allow-listed absolute URL). */
    public RouteGuard guard(String route) {
        return route == null ? null : guards.get(route);
    }

    /** The call timeout of a route's HTTP(S) calls: its own, or workchain.gateway.call-timeout. */
    public Duration callTimeout(String route) {
        RouteGuard guard = guard(route);
        return guard == null ? globalCallTimeout : guard.policy().callTimeout();
    }

    /** Every route's guard, by name. */
    public Collection<RouteGuard> all() {
        return guards.values();
    }

    /** http, https, amqp (amqps too) or kafka: what the route's base URL reaches. */
    static String kind(URI base) {
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("amqps") ? "amqp" : scheme;
    }

    /** A URL as it may be shown: user info masked ({@code ***@}), the query left out. */
    static String masked(String url) {
        String shown = SafeUrls.redactText(url);
        int query = shown.indexOf('?');
        return query < 0 ? shown : shown.substring(0, query) + "?...";
    }

    /** The route's target: its base URL's scheme and authority (host or hosts, port), masked. */
    static String origin(URI base) {
        return masked(base.getScheme() + "://" + (base.getRawAuthority() == null ? "" : base.getRawAuthority()));
    }
}
