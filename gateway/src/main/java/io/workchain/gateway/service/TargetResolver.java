package io.workchain.gateway.service;

import io.workchain.common.SafeUrls;
import io.workchain.common.message.Request;
import io.workchain.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns an item's {@code url} and {@code endpoint} into the one URI the gateway will call, or
 * refuses. The work topic is an input anyone with produce rights can write to, so only two kinds
 * of target pass: a configured route name, or an absolute http(s) URL whose host is on the
 * allow-list and is not a loopback, link-local or metadata address (unless a route names that
 * very base URL).
 */
@ApplicationScoped
public class TargetResolver {

    private final Map<String, URI> routes;
    private final List<String> allowedHosts;
    private final boolean allowPrivate;

    public TargetResolver(GatewayConfig config) {
        this.routes = config.routes().entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> URI.create(e.getValue())));
        this.allowedHosts = config.allowedHosts().orElse(List.of()).stream()
                .map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
        this.allowPrivate = config.allowPrivateAddresses();
    }

    /**
     * The URI to call. {@code checkAddresses} is true when the host came from the work item (not
     * from a route): every address it resolves to must then pass {@link AddressPolicy} too.
     */
    public record Target(URI uri, boolean checkAddresses) {
    }

    public URI resolve(Request request) {
        return target(request).uri();
    }

    public Target target(Request request) {
        String url = request.url();
        URI base = routes.get(url);
        if (base != null) {
            return new Target(append(base, request.endpoint()), false);
        }
        URI absolute = checkedAbsolute(url);
        URI route = routeCovering(absolute);
        return new Target(append(absolute, request.endpoint()), route == null);
    }

    /** Whether every address of a host from a work item may be called. */
    public java.util.Optional<String> forbidden(java.net.InetAddress address) {
        return AddressPolicy.forbidden(address, allowPrivate);
    }

    private URI checkedAbsolute(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new TargetRefusedException("url '" + SafeUrls.redact(url) + "' is neither a route name nor a valid URL");
        }
        if (!uri.isAbsolute()) {
            throw new TargetRefusedException("url '" + SafeUrls.redact(url) + "' is not a configured route (routes: "
                    + String.join(", ", routes.keySet().stream().sorted().toList()) + ")");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new TargetRefusedException("scheme '" + scheme + "' is not allowed: only http and https");
        }
        if (uri.getHost() == null) {
            throw new TargetRefusedException("url '" + SafeUrls.redact(url) + "' has no host");
        }
        if (routeCovering(uri) != null) {
            return uri; // a route names this base explicitly: trusted, even if internal
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        var forbidden = AddressPolicy.forbidden(host, allowPrivate);
        if (forbidden.isPresent()) {
            throw new TargetRefusedException("host '" + host + "' is refused: " + forbidden.get()
                    + "; only a route may name it");
        }
        if (!allowed(host)) {
            throw new TargetRefusedException("host '" + host + "' is not on the gateway's allow-list");
        }
        return uri;
    }

    /**
     * The route whose base this absolute URL lies under (same origin, and a path inside the route's
     * base path), or null: a route's host reached on another path is not the route.
     */
    private URI routeCovering(URI uri) {
        for (URI route : routes.values()) {
            if (sameOrigin(route, uri) && EndpointPaths.isUnder(uri.getRawPath(), route.getRawPath())) {
                return route;
            }
        }
        return null;
    }

    private boolean allowed(String host) {
        for (String entry : allowedHosts) {
            if (entry.startsWith("*.") ? host.endsWith(entry.substring(1)) : host.equals(entry)) {
                return true;
            }
        }
        return false;
    }

    /** base + endpoint, refusing an endpoint that would leave the base's origin ("@evil", "//evil"). */
    private static URI append(URI base, String endpoint) {
        String path = endpoint == null ? "" : endpoint;
        if (!path.isEmpty() && !path.startsWith("/") && !path.startsWith("?")) {
            throw new TargetRefusedException("endpoint must start with '/', got '" + SafeUrls.redact(path) + "'");
        }
        EndpointPaths.problem(path).ifPresent(problem -> {
            throw new TargetRefusedException("endpoint '" + SafeUrls.redact(path) + "' is not a plain path: " + problem);
        });
        String baseText = base.toString();
        if (baseText.endsWith("/") && path.startsWith("/")) {
            baseText = baseText.substring(0, baseText.length() - 1);
        }
        URI full;
        try {
            full = new URI(baseText + path);
        } catch (java.net.URISyntaxException e) {
            throw new TargetRefusedException("endpoint '" + SafeUrls.redact(path) + "' does not form a valid URL");
        }
        if (!sameOrigin(base, full)) {
            throw new TargetRefusedException("endpoint '" + SafeUrls.redact(path) + "' changes the target host");
        }
        return full;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b) && Objects.equals(a.getRawUserInfo(), b.getRawUserInfo());
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
