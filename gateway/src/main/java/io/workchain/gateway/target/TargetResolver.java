package io.workchain.gateway.target;

import io.workchain.common.SafeUrls;
import io.workchain.common.gateway.WarmUpInvocation;
import io.workchain.common.message.Request;
import io.workchain.common.message.RequestType;
import io.workchain.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
    private final KafkaTopicPolicy kafkaTopics;

    public TargetResolver(GatewayConfig config) {
        if (config.routes().containsKey(WarmUpInvocation.ROUTE)) {
            // The ESB's warm-up names it, and the gateway answers that without calling anything.
            throw new IllegalArgumentException("workchain.gateway.routes." + WarmUpInvocation.ROUTE
                    + ": the route name '" + WarmUpInvocation.ROUTE + "' is reserved for the warm-up; choose another");
        }
        this.kafkaTopics = new KafkaTopicPolicy(config.kafka());
        this.routes = config.routes().entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> URI.create(e.getValue())));
        this.allowedHosts = config.allowedHosts().orElse(List.of()).stream()
                .map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
        this.allowPrivate = config.allowPrivateAddresses();
    }

    /**
     * Where to deliver an item. {@code uri} is the HTTP(S) URL to call (endpoint appended), or the
     * broker's URL for AMQP and KAFKA items, whose {@code endpoint} names the queue, exchange or
     * topic. {@code checkAddresses} is true when the host came from the work item (not from a
     * route): every address it resolves to must then pass {@link AddressPolicy} too.
     */
    public record Target(URI uri, boolean checkAddresses, String route) {}

    public URI resolve(Request request) {
        return target(request).uri();
    }

    public Target target(Request request) {
        RequestType type = request.type() == null ? RequestType.HTTP : request.type();
        String url = request.url();
        URI base = routes.get(url);
        if (base != null) {
            requireScheme(type, base, "route '" + url + "'");
            URI target = deliverTo(type, base, request.endpoint());
            if (type == RequestType.KAFKA) {
                checkTopic(url, request.endpoint());
            }
            return new Target(target, false, url);
        }
        if (type == RequestType.KAFKA) {
            throw new TargetRefusedException("a KAFKA item must name a route (its kafka:// brokers), got '"
                    + SafeUrls.redact(url) + "'");
        }
        URI absolute = checkedAbsolute(url, type);
        String route = routeCovering(absolute);
        return new Target(deliverTo(type, absolute, request.endpoint()), route == null, route);
    }

    /** The schemes each type may reach: HTTPS never over plain HTTP, publishes only to their brokers. */
    private static Set<String> schemes(RequestType type) {
        return switch (type) {
            case HTTP -> Set.of("http", "https");
            case HTTPS -> Set.of("https");
            case AMQP -> Set.of("amqp", "amqps");
            case KAFKA -> Set.of("kafka");
        };
    }

    private static void requireScheme(RequestType type, URI uri, String what) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes(type).contains(scheme)) {
            String why = type == RequestType.HTTPS && scheme.equals("http")
                    ? ": an HTTPS item requires TLS and is never downgraded to http"
                    : "";
            throw new TargetRefusedException(
                    what + " is " + scheme + "://, which an item of type " + type + " cannot use (only "
                            + String.join(", ", schemes(type).stream().sorted().toList()) + ")" + why);
        }
    }

    private static URI deliverTo(RequestType type, URI base, String endpoint) {
        return switch (type) {
            case HTTP, HTTPS -> append(base, endpoint);
            case AMQP -> {
                PublishEndpoints.checkAmqp(endpoint);
                yield base;
            }
            case KAFKA -> {
                PublishEndpoints.checkKafkaTopic(endpoint);
                yield base;
            }
        };
    }

    /** A KAFKA item's topic, against what its route may publish to. */
    private void checkTopic(String route, String topic) {
        kafkaTopics.check(route, topic);
    }

    /** Whether every address of a host from a work item may be called. */
    public java.util.Optional<String> forbidden(java.net.InetAddress address) {
        return AddressPolicy.forbidden(address, allowPrivate);
    }

    private URI checkedAbsolute(String url, RequestType type) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new TargetRefusedException(
                    "url '" + SafeUrls.redact(url) + "' is neither a route name nor a valid URL");
        }
        if (!uri.isAbsolute()) {
            throw new TargetRefusedException("url '" + SafeUrls.redact(url) + "' is not a configured route (routes: "
                    + String.join(", ", routes.keySet().stream().sorted().toList()) + ")");
        }
        requireScheme(type, uri, "url '" + SafeUrls.redact(url) + "'");
        if (uri.getHost() == null) {
            throw new TargetRefusedException("url '" + SafeUrls.redact(url) + "' has no host");
        }
        if (type == RequestType.HTTP || type == RequestType.HTTPS) {
            // The path decides which route covers the URL, so it must mean what it says: a target
            // that resolves "/api/../admin" would otherwise be reached as the route "/api".
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            EndpointPaths.problem(path).ifPresent(problem -> {
                throw new TargetRefusedException(
                        "url '" + SafeUrls.redact(url) + "' has a path that is not plain: " + problem);
            });
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
     * The name of the route whose base this absolute URL lies under (same origin, and a path inside the route's
     * base path), or null: a route's host reached on another path is not the route.
     */
    private String routeCovering(URI uri) {
        for (Map.Entry<String, URI> route : routes.entrySet()) {
            if (sameOrigin(route.getValue(), uri)
                    && EndpointPaths.isUnder(uri.getRawPath(), route.getValue().getRawPath())) {
                return route.getKey();
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
            throw new TargetRefusedException(
                    "endpoint '" + SafeUrls.redact(path) + "' is not a plain path: " + problem);
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
                && defaultPort(a) == defaultPort(b) && Objects.equals(a.getRawUserInfo(), b.getRawUserInfo());
    }

    /** The URI's port, or its scheme's default one. */
    public static int defaultPort(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return switch (uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT)) {
            case "https" -> 443;
            case "amqp" -> 5672;
            case "amqps" -> 5671;
            case "kafka" -> 9092;
            default -> 80;
        };
    }
}
