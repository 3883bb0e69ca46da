package io.workchain.gateway.credentials;

import io.quarkus.oidc.client.OidcClients;
import io.quarkus.runtime.Startup;
import io.workchain.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The credentials configured per route ({@code workchain.gateway.route-credentials.*}), checked at
 * startup against the routes: each names a configured route of the scheme it fits (headers, OAuth2
 * and client certificates for http(s) routes, certificates for https only, producer security for
 * kafka:// routes), so a typo stops the gateway instead of sending calls without their credential.
 * Says which KINDS a route uses for listings, never a value.
 */
@Startup
@ApplicationScoped
public class RouteCredentials {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final StaticHeaders headers;
    private final KafkaRouteSecurity kafka;
    private final Map<String, String> oidcClients;
    private final Map<String, String> tlsConfigurations;

    public RouteCredentials(GatewayConfig gateway, RouteCredentialsConfig config, OidcClients clients) {
        this.headers = new StaticHeaders(config.headers());
        this.kafka = new KafkaRouteSecurity(config.kafka());
        this.oidcClients = Map.copyOf(config.oidcClient());
        this.tlsConfigurations = Map.copyOf(config.tlsConfiguration());
        Map<String, String> routes = gateway.routes();
        check(routes, headers.routes(), "headers", Set.of("http", "https"));
        check(routes, oidcClients.keySet(), "oidc-client", Set.of("http", "https"));
        check(routes, tlsConfigurations.keySet(), "tls-configuration", Set.of("https"));
        check(routes, kafka.routes(), "kafka", Set.of("kafka"));
        checkNames(oidcClients, "oidc-client");
        checkNames(tlsConfigurations, "tls-configuration");
        oidcClients.forEach((route, client) -> {
            if (clients.getClient(client) == null) {
                throw new IllegalStateException("route '" + route + "' names OIDC client '" + client
                        + "', which quarkus.oidc-client." + client + ".* does not define");
            }
        });
        for (String route : oidcClients.keySet()) {
            if (headers.sends(route, "Authorization")) {
                throw new IllegalStateException("route '" + route + "' has both an OIDC client and an Authorization "
                        + "header in workchain.gateway.route-credentials: the token would replace the header");
            }
        }
    }

    /** The kinds of credential {@code route} uses (empty for none): what a listing of routes may show. */
    public Set<CredentialKind> kinds(String route) {
        Set<CredentialKind> kinds = EnumSet.noneOf(CredentialKind.class);
        if (route == null) {
            return kinds;
        }
        if (!headers.of(route).isEmpty()) {
            kinds.add(CredentialKind.HEADERS);
        }
        if (oidcClients.containsKey(route)) {
            kinds.add(CredentialKind.OAUTH2);
        }
        if (tlsConfigurations.containsKey(route)) {
            kinds.add(CredentialKind.CLIENT_CERTIFICATE);
        }
        if (!kafka.of(route).isEmpty()) {
            kinds.add(CredentialKind.KAFKA_SECURITY);
        }
        return kinds;
    }

    /** The fixed headers of {@code route}'s calls. */
    Map<String, String> headers(String route) {
        return headers.of(route);
    }

    /** The OIDC client whose token {@code route}'s calls carry, or null. */
    String oidcClient(String route) {
        return route == null ? null : oidcClients.get(route);
    }

    /** The security settings of {@code route}'s Kafka producer (none for most routes). */
    public Map<String, Object> kafkaSettings(String route) {
        return kafka.of(route);
    }

    /** What must not appear in what {@code route}'s calls produce: its static secrets. */
    public SecretMasker masker(String route) {
        if (route == null) {
            return SecretMasker.none();
        }
        return SecretMasker.of(List.copyOf(concat(headers.secrets(route), kafka.secrets(route))));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        if (b.isEmpty()) {
            return a;
        }
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    private static void check(Map<String, String> routes, Set<String> configured, String what, Set<String> schemes) {
        for (String route : new TreeSet<>(configured)) {
            String base = routes.get(route);
            if (base == null) {
                throw new IllegalStateException("workchain.gateway.route-credentials." + what + " names route '" + route
                        + "', which workchain.gateway.routes does not define");
            }
            String scheme = URI.create(base).getScheme();
            if (scheme == null || !schemes.contains(scheme.toLowerCase(Locale.ROOT))) {
                throw new IllegalStateException("workchain.gateway.route-credentials." + what + " of route '" + route
                        + "' applies to " + String.join(", ", new TreeSet<>(schemes)) + ":// routes only, not "
                        + scheme + "://");
            }
        }
    }

    private static void checkNames(Map<String, String> names, String what) {
        names.forEach((route, name) -> {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalStateException("workchain.gateway.route-credentials." + what + " of route '" + route
                        + "' is not a configuration name (letters, digits, '.', '_', '-')");
            }
        });
    }
}
