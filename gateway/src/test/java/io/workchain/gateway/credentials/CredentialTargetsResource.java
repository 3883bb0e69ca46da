package io.workchain.gateway.credentials;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.workchain.testing.EmbeddedKafkaBroker;
import io.workchain.testing.ReservedPorts;
import io.workchain.testing.TestCertificates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real servers on loopback for the routes' credentials, all made here with fresh secrets:
 * <ul>
 *   <li>an HTTP target that records the headers it receives, answers 401 on {@code /deny} quoting
 *       them, and echoes them on success;</li>
 *   <li>a token endpoint standing in for an identity provider (OAuth2 client_credentials, tokens
 *       valid {@link #TOKEN_SECONDS} s), and one that refuses the client while quoting its secret;</li>
 *   <li>an HTTPS target that requires a client certificate and trusts only the gateway's;</li>
 *   <li>a Kafka broker with a SASL_PLAINTEXT listener (PLAIN) besides its plain one.</li>
 * </ul>
 */
public class CredentialTargetsResource implements QuarkusTestResourceLifecycleManager {

    /** Expiry is counted in whole seconds: a token is stale at most a second after it expires. */
    static final int TOKEN_SECONDS = 2;
    static final String API_KEY = "api-key-" + UUID.randomUUID();
    static final String CLIENT_SECRET = "client-secret-" + UUID.randomUUID();
    static final String KAFKA_PASSWORD = "kafka-password-" + UUID.randomUUID();
    static final String KEY_STORE_PASSWORD_PREFIX = "test-only-";

    /** Every request the HTTP and HTTPS targets received: path and headers. */
    static final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    static final List<String> issuedTokens = new CopyOnWriteArrayList<>();
    static final AtomicInteger tokenRequests = new AtomicInteger();
    static final AtomicBoolean tokenEndpointDown = new AtomicBoolean();
    static EmbeddedKafkaBroker kafka;
    static String clientKeyStorePassword;

    private HttpServer target;
    private HttpServer identityProvider;
    private MutualTlsTarget mutualTls;

    @Override
    public Map<String, String> start() {
        try {
            target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            target.createContext("/", this::answer);
            serve(target);
            identityProvider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            identityProvider.createContext("/token", this::token);
            identityProvider.createContext("/refusing", this::refuse);
            serve(identityProvider);

            TestCertificates server = TestCertificates.create();
            TestCertificates client = TestCertificates.create();
            TestCertificates stranger = TestCertificates.create(); // a certificate the target does not trust
            clientKeyStorePassword = new String(client.password());
            mutualTls = new MutualTlsTarget(server, client.certificatePem(), received);

            int plain = ReservedPorts.choose();
            int sasl = ReservedPorts.choose();
            int controller = ReservedPorts.choose();
            kafka = EmbeddedKafkaBroker.start(plain, controller, Files.createTempDirectory("workchain-kafka-sasl-"),
                    saslListener(plain, sasl, controller));

            String http = "http://127.0.0.1:" + target.getAddress().getPort();
            String idp = "http://127.0.0.1:" + identityProvider.getAddress().getPort();
            String https = mutualTls.baseUrl();
            Map<String, String> config = new HashMap<>();
            // The other test resources of this module are global: their settings (call timeout,
            // allow-list, trusted PEM) apply here too, so this one sets none of those.
            // Static headers (in a deployment: ${PARTNER_API_KEY}, from a Secret).
            config.put("workchain.gateway.routes.keyed", http + "/keyed");
            config.put("workchain.gateway.route-credentials.headers.keyed.X-Api-Key", API_KEY);
            config.put("workchain.gateway.routes.open", http + "/open");
            // OAuth2 client credentials.
            config.put("workchain.gateway.routes.oauth", http + "/oauth");
            config.put("workchain.gateway.route-credentials.oidc-client.oauth", "partner-idp");
            oidcClient(config, "partner-idp", idp + "/token");
            config.put("workchain.gateway.routes.oauth-refused", http + "/oauth-refused");
            config.put("workchain.gateway.route-credentials.oidc-client.oauth-refused", "refusing-idp");
            oidcClient(config, "refusing-idp", idp + "/refusing");
            // Client certificates: the right one, one the target does not trust, and none.
            config.put("workchain.gateway.routes.mtls", https + "/mtls");
            config.put("workchain.gateway.route-credentials.tls-configuration.mtls", "partner-mtls");
            tls(config, "partner-mtls", client, server.certificatePem());
            config.put("workchain.gateway.routes.mtls-stranger", https + "/stranger");
            config.put("workchain.gateway.route-credentials.tls-configuration.mtls-stranger", "stranger-mtls");
            tls(config, "stranger-mtls", stranger, server.certificatePem());
            // Trusts the target, presents no certificate.
            config.put("workchain.gateway.routes.mtls-none", https + "/none");
            config.put("workchain.gateway.route-credentials.tls-configuration.mtls-none", "trust-only");
            config.put("quarkus.tls.trust-only.trust-store.pem.certs", server.certificatePem().toString());
            // SASL for kafka:// routes: the right password, a wrong one.
            config.put("workchain.gateway.routes.kafka-sasl", "kafka://127.0.0.1:" + sasl);
            kafkaSasl(config, "kafka-sasl", KAFKA_PASSWORD);
            config.put("workchain.gateway.routes.kafka-sasl-wrong", "kafka://127.0.0.1:" + sasl);
            kafkaSasl(config, "kafka-sasl-wrong", "wrong-" + KAFKA_PASSWORD);
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void oidcClient(Map<String, String> config, String name, String tokenUrl) {
        String prefix = "quarkus.oidc-client." + name + ".";
        config.put(prefix + "token-path", tokenUrl);
        config.put(prefix + "discovery-enabled", "false");
        config.put(prefix + "client-id", "workchain-gateway");
        config.put(prefix + "credentials.secret", CLIENT_SECRET);
    }

    private static void tls(Map<String, String> config, String name, TestCertificates client, Path serverPem) {
        String prefix = "quarkus.tls." + name + ".";
        config.put(prefix + "key-store.p12.path", client.keyStore().toString());
        config.put(prefix + "key-store.p12.password", new String(client.password()));
        config.put(prefix + "trust-store.pem.certs", serverPem.toString());
    }

    private static void kafkaSasl(Map<String, String> config, String route, String password) {
        String prefix = "workchain.gateway.route-credentials.kafka." + route + ".";
        config.put(prefix + "\"security.protocol\"", "SASL_PLAINTEXT");
        config.put(prefix + "\"sasl.mechanism\"", "PLAIN");
        config.put(prefix + "\"sasl.jaas.config\"", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                + "username=\"gateway\" password=\"" + password + "\";");
        config.put("workchain.gateway.kafka.route-topics." + route, "partner-*");
    }

    private static Map<String, String> saslListener(int plain, int sasl, int controller) {
        return Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:" + plain + ",SASL_PLAINTEXT://127.0.0.1:" + sasl
                        + ",CONTROLLER://127.0.0.1:" + controller,
                "advertised.listeners", "PLAINTEXT://127.0.0.1:" + plain + ",SASL_PLAINTEXT://127.0.0.1:" + sasl,
                "listener.security.protocol.map",
                "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT",
                "sasl.enabled.mechanisms", "PLAIN",
                "listener.name.sasl_plaintext.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required user_gateway=\"" + KAFKA_PASSWORD
                        + "\";");
    }

    /** Records the request; /deny answers 401 quoting every header, anything else 200 echoing them. */
    private void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        headers.put(":path", exchange.getRequestURI().getPath());
        received.add(headers);
        // The credentials first: a reason keeps only the first 300 characters of an answer.
        StringBuilder quoted = new StringBuilder("{\"headers\":\"");
        headers.entrySet().stream()
                .sorted(Comparator.comparing(e -> !List.of("x-api-key", "authorization").contains(e.getKey())))
                .forEach(e -> quoted.append(e.getKey()).append('=').append(e.getValue()).append(' '));
        quoted.append("\"}");
        respond(exchange, exchange.getRequestURI().getPath().endsWith("/deny") ? 401 : 200, quoted.toString());
    }

    private void token(HttpExchange exchange) throws IOException {
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        tokenRequests.incrementAndGet();
        if (tokenEndpointDown.get()) {
            respond(exchange, 503, "{\"error\":\"temporarily_unavailable\"}");
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String basic = java.util.Base64.getEncoder()
                .encodeToString(("workchain-gateway:" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        boolean known = ("Basic " + basic).equals(authorization) || form.contains(CLIENT_SECRET);
        if (!form.contains("grant_type=client_credentials") || !known) {
            respond(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        String token = "token-" + UUID.randomUUID();
        issuedTokens.add(token);
        respond(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                + TOKEN_SECONDS + "}");
    }

    /** A token endpoint that refuses the client and quotes what it was sent, its secret included. */
    private void refuse(HttpExchange exchange) throws IOException {
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        respond(exchange, 401, "{\"error\":\"invalid_client\",\"error_description\":\"refused "
                + exchange.getRequestHeaders().getFirst("Authorization") + " " + form + " " + CLIENT_SECRET + "\"}");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void serve(HttpServer server) {
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    @Override
    public void stop() {
        target.stop(0);
        identityProvider.stop(0);
        mutualTls.close();
        kafka.close();
    }
}
