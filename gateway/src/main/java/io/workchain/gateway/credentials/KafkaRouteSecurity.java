package io.workchain.gateway.credentials;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The security settings of each kafka:// route's producer ({@code security.protocol},
 * {@code sasl.*}, {@code ssl.*}), added to the settings the gateway gives every producer. Only those:
 * what the gateway sets for delivery (acks, idempotence, timeouts, the brokers from the route's URL)
 * cannot be changed per route. The values that are secrets (a JAAS line, passwords, keys) are known
 * to {@link SecretMasker}; Kafka itself prints them as {@code [hidden]}.
 */
final class KafkaRouteSecurity {

    static final int MAX_SETTINGS_PER_ROUTE = 32;
    static final int MAX_VALUE_CHARS = 8192;
    private static final List<String> ALLOWED_PREFIXES = List.of("sasl.", "ssl.");
    private static final Set<String> ALLOWED = Set.of("security.protocol");
    private static final List<String> SECRET_MARKS = List.of("password", "jaas", "secret", ".key", "keystore.key",
            "token");

    private final Map<String, Map<String, Object>> byRoute;

    KafkaRouteSecurity(Map<String, Map<String, String>> configured) {
        Map<String, Map<String, Object>> checked = new TreeMap<>();
        configured.forEach((route, settings) -> checked.put(route, check(route, settings)));
        this.byRoute = Map.copyOf(checked);
    }

    /** The producer settings of {@code route} (none for a route without any). */
    Map<String, Object> of(String route) {
        return route == null ? Map.of() : byRoute.getOrDefault(route, Map.of());
    }

    Set<String> routes() {
        return byRoute.keySet();
    }

    /** The values of {@code route}'s settings that are secrets. */
    List<String> secrets(String route) {
        return of(route).entrySet().stream().filter(e -> isSecret(e.getKey()))
                .map(e -> String.valueOf(e.getValue())).toList();
    }

    static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return SECRET_MARKS.stream().anyMatch(lower::contains);
    }

    private static Map<String, Object> check(String route, Map<String, String> settings) {
        if (settings.size() > MAX_SETTINGS_PER_ROUTE) {
            throw new IllegalStateException("route '" + route + "' has " + settings.size()
                    + " settings in workchain.gateway.route-credentials.kafka, at most " + MAX_SETTINGS_PER_ROUTE);
        }
        Map<String, Object> checked = new TreeMap<>();
        settings.forEach((key, value) -> {
            String where = "Kafka setting '" + key + "' of route '" + route + "'";
            if (!ALLOWED.contains(key) && ALLOWED_PREFIXES.stream().noneMatch(key::startsWith)) {
                throw new IllegalStateException(where + " is not a security setting (only security.protocol, "
                        + "sasl.* and ssl.* may be set per route)");
            }
            if (value == null || value.isEmpty() || value.length() > MAX_VALUE_CHARS) {
                throw new IllegalStateException(where + " is empty or longer than " + MAX_VALUE_CHARS + " characters");
            }
            checked.put(key, value);
        });
        return Map.copyOf(checked);
    }
}
