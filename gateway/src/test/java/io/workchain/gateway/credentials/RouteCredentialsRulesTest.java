package io.workchain.gateway.credentials;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.runtime.OidcClientConfig;
import io.smallrye.mutiny.Uni;
import io.workchain.common.gateway.FailureKind;
import io.workchain.common.gateway.InvocationOutcome;
import io.workchain.common.message.Response;
import io.workchain.gateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of the credentials' configuration and of masking, without a server. */
class RouteCredentialsRulesTest {

    @Test
    void headersTheGatewaySetsItselfCannotBeConfigured() {
        for (String name : List.of("Idempotency-Key", "x-workchain-hash", "traceparent", "Host", "Content-Length",
                "workchain-callback-token", "Workchain-Callback-Url", "User-Agent")) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> new StaticHeaders(Map.of("partner", Map.of(name, "value-1234"))));
            assertTrue(refused.getMessage().contains("set by the gateway itself"), refused.getMessage());
        }
    }

    @Test
    void aBadHeaderIsRefusedWithoutShowingItsValue() {
        String secret = "s3cret-value";
        for (Map<String, String> bad : List.of(Map.of("X Key", secret), Map.of("X-Key", secret + "\r\nX-Evil: 1"),
                Map.of("X-Key", "x".repeat(StaticHeaders.MAX_VALUE_CHARS + 1)), Map.of("X-Key", ""))) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> new StaticHeaders(Map.of("partner", bad)));
            assertFalse(refused.getMessage().contains(secret), refused.getMessage());
            assertTrue(refused.getMessage().contains("route 'partner'"), refused.getMessage());
        }
    }

    @Test
    void headersAreForTheirRouteOnly() {
        StaticHeaders headers = new StaticHeaders(Map.of("partner", Map.of("X-Api-Key", "k-123456")));
        assertEquals(Map.of("X-Api-Key", "k-123456"), Map.copyOf(headers.of("partner")));
        assertEquals(Map.of(), headers.of("other"));
        assertEquals(Map.of(), headers.of(null));
        assertTrue(headers.sends("partner", "x-api-key"));
    }

    @Test
    void kafkaRoutesMaySetSecuritySettingsOnly() {
        KafkaRouteSecurity security = new KafkaRouteSecurity(Map.of("events", Map.of("security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", "x required password=\"pw-123456\";",
                "ssl.truststore.location", "/etc/kafka/ca.p12")));
        assertEquals("SASL_SSL", security.of("events").get("security.protocol"));
        assertEquals(List.of("x required password=\"pw-123456\";"), security.secrets("events"));
        for (String key : List.of("bootstrap.servers", "acks", "enable.idempotence", "client.id")) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> new KafkaRouteSecurity(Map.of("events", Map.of(key, "x"))));
            assertTrue(refused.getMessage().contains("not a security setting"), refused.getMessage());
        }
    }

    @Test
    void credentialsMustNameAnExistingRouteOfTheirScheme() {
        Map<String, String> routes = Map.of("api", "https://api.example", "plain", "http://plain.example",
                "events", "kafka://broker:9092");
        assertRefused(routes, Map.of("missing", Map.of("X-Key", "v-1234")), Map.of(), Map.of(), Map.of(),
                "workchain.gateway.routes does not define");
        assertRefused(routes, Map.of("events", Map.of("X-Key", "v-1234")), Map.of(), Map.of(), Map.of(),
                "http, https:// routes only");
        assertRefused(routes, Map.of(), Map.of(), Map.of("plain", "partner-mtls"), Map.of(), "https:// routes only");
        assertRefused(routes, Map.of(), Map.of(), Map.of(), Map.of("api", Map.of("sasl.mechanism", "PLAIN")),
                "kafka:// routes only");
        assertRefused(routes, Map.of(), Map.of("api", "unknown-idp"), Map.of(), Map.of(),
                "quarkus.oidc-client.unknown-idp.* does not define");
        assertRefused(routes, Map.of("api", Map.of("authorization", "Basic abcd")), Map.of("api", "idp"), Map.of(),
                Map.of(), "both an OIDC client and an Authorization header");
        RouteCredentials fine = credentials(routes, Map.of("api", Map.of("X-Key", "v-1234")), Map.of("api", "idp"),
                Map.of("api", "partner-mtls"), Map.of("events", Map.of("sasl.mechanism", "PLAIN")));
        assertEquals(Set.of(CredentialKind.HEADERS, CredentialKind.OAUTH2, CredentialKind.CLIENT_CERTIFICATE),
                fine.kinds("api"));
        assertEquals(Set.of(CredentialKind.KAFKA_SECURITY), fine.kinds("events"));
        assertEquals(Set.of(), fine.kinds("plain"));
    }

    private static void assertRefused(Map<String, String> routes, Map<String, Map<String, String>> headers,
            Map<String, String> oidc, Map<String, String> tls, Map<String, Map<String, String>> kafka, String why) {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> credentials(routes, headers, oidc, tls, kafka));
        assertTrue(refused.getMessage().contains(why), refused.getMessage());
    }

    /** The configuration interfaces as plain values (a proxy answers what the rules read). */
    private static RouteCredentials credentials(Map<String, String> routes, Map<String, Map<String, String>> headers,
            Map<String, String> oidc, Map<String, String> tls, Map<String, Map<String, String>> kafka) {
        GatewayConfig gateway = proxy(GatewayConfig.class, Map.of("routes", routes));
        RouteCredentialsConfig config = proxy(RouteCredentialsConfig.class, Map.of("headers", headers,
                "oidcClient", oidc, "tlsConfiguration", tls, "kafka", kafka));
        OidcClients clients = proxy(OidcClients.class, Map.of());
        return new RouteCredentials(gateway, config, new OidcClients() {
            @Override
            public OidcClient getClient() {
                return null;
            }

            @Override
            public OidcClient getClient(String id) {
                return id.equals("idp") ? proxy(OidcClient.class, Map.of()) : null;
            }

            @Override
            public Uni<OidcClient> newClient(OidcClientConfig clientConfig) {
                return clients.newClient(clientConfig);
            }

            @Override
            public void close() {}
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (self, method, args) -> {
            if (!answers.containsKey(method.getName())) {
                throw new UnsupportedOperationException(method.getName());
            }
            return answers.get(method.getName());
        });
    }

    @Test
    void theMaskerHidesValuesTheirWordsAndQuotedPasswords() {
        SecretMasker masker = SecretMasker.of(List.of("Bearer tok-abcdef", "x required username=\"gw\" "
                + "password=\"pw-123456\";", "ab"));
        assertEquals("got *** and ***", masker.mask("got Bearer tok-abcdef and tok-abcdef"));
        assertEquals("login *** refused", masker.mask("login pw-123456 refused"));
        assertEquals("ab stays: too short to be a secret", masker.mask("ab stays: too short to be a secret"));
        InvocationOutcome outcome = masker.mask(InvocationOutcome.failed(FailureKind.FINAL,
                "HTTP 401: tok-abcdef", 401));
        assertEquals("HTTP 401: ***", outcome.reason());
        assertEquals(FailureKind.FINAL, outcome.kind());
        InvocationOutcome completed = masker.mask(InvocationOutcome.completed(
                Response.success("{\"seen\":\"tok-abcdef\"}", "{}"), 200, "application/json"));
        assertEquals("{\"seen\":\"***\"}", completed.response().data());
        assertEquals(200, completed.httpStatus());
        assertEquals("nothing", SecretMasker.none().mask("nothing"));
    }
}
