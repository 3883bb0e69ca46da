package io.workchain.gateway.credentials;

import io.workchain.common.callback.CallbackHeaders;
import io.workchain.common.gateway.CallHeaders;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The fixed headers of each route (an API key, a basic or bearer token from a Secret), checked once
 * at startup: a name must be an HTTP token and not one the gateway sets itself (an item's idempotency
 * key, chain headers and trace context cannot be replaced from configuration), a value one line of at
 * most {@link #MAX_VALUE_CHARS}. Items never see these values: they are added to the request after the
 * target is resolved, for a route's targets only.
 */
final class StaticHeaders {

    static final int MAX_NAME_CHARS = 256;
    static final int MAX_VALUE_CHARS = 8192;
    static final int MAX_HEADERS_PER_ROUTE = 32;
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** What the gateway writes on every call, or what HTTP itself owns: never taken from configuration. */
    private static final Set<String> RESERVED = Set.of(CallHeaders.IDEMPOTENCY_KEY, CallHeaders.CHAIN_HASH,
            CallHeaders.ORDER, CallHeaders.INDEX, CallHeaders.TRACEPARENT, CallHeaders.TRACESTATE,
            // the item's callback grant: a route header in their place would let another answer for it
            CallbackHeaders.TOKEN, CallbackHeaders.URL, "user-agent", "content-type",
            "content-length", "transfer-encoding", "host", "connection", "upgrade", "te", "trailer")
            .stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());

    private final Map<String, Map<String, String>> byRoute;

    StaticHeaders(Map<String, Map<String, String>> configured) {
        Map<String, Map<String, String>> checked = new TreeMap<>();
        configured.forEach((route, headers) -> checked.put(route, check(route, headers)));
        this.byRoute = Map.copyOf(checked);
    }

    /** The headers to send to {@code route}'s targets (none for no route or a route without any). */
    Map<String, String> of(String route) {
        return route == null ? Map.of() : byRoute.getOrDefault(route, Map.of());
    }

    Set<String> routes() {
        return byRoute.keySet();
    }

    /** Whether {@code route} sends a header of this name (any case). */
    boolean sends(String route, String name) {
        return of(route).keySet().stream().anyMatch(h -> h.equalsIgnoreCase(name));
    }

    private static Map<String, String> check(String route, Map<String, String> headers) {
        if (headers.size() > MAX_HEADERS_PER_ROUTE) {
            throw new IllegalStateException("route '" + route + "' has " + headers.size()
                    + " headers in workchain.gateway.route-credentials.headers, at most " + MAX_HEADERS_PER_ROUTE);
        }
        Map<String, String> checked = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> {
            // The messages name the header, never its value.
            String where = "header '" + name + "' of route '" + route + "'";
            if (name.length() > MAX_NAME_CHARS || !TOKEN.matcher(name).matches()) {
                throw new IllegalStateException(where + " is not a valid HTTP header name");
            }
            if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalStateException(where + " is set by the gateway itself and cannot be configured");
            }
            if (value == null || value.isEmpty()) {
                throw new IllegalStateException(where + " has an empty value (is its variable set?)");
            }
            if (value.length() > MAX_VALUE_CHARS) {
                throw new IllegalStateException(where + " is longer than " + MAX_VALUE_CHARS + " characters");
            }
            if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw new IllegalStateException(where + " holds a line break or NUL");
            }
            if (checked.put(name, value) != null) {
                throw new IllegalStateException(where + " is configured twice (header names ignore case)");
            }
        });
        return Collections.unmodifiableMap(checked);
    }

    /** The values to keep out of every output. */
    List<String> secrets(String route) {
        return List.copyOf(of(route).values());
    }
}
