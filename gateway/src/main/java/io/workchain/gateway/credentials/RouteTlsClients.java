package io.workchain.gateway.credentials;

import io.quarkus.runtime.Startup;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.workchain.gateway.client.HttpClientProducer;
import io.workchain.gateway.config.GatewayConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP client per route that names a TLS configuration of the Quarkus TLS registry
 * ({@code quarkus.tls.<name>.key-store.*}, {@code ...trust-store.*}): the route's calls present that
 * client certificate and trust what it trusts; every other call goes through the shared client, which
 * has no certificate to present. Built at startup with the shared client's limits, so a missing
 * configuration stops the gateway instead of failing calls.
 */
// Created at startup: a route naming a TLS configuration that does not exist stops the gateway.
@Startup
@ApplicationScoped
public class RouteTlsClients {

    private final Map<String, HttpClient> clients = new TreeMap<>();

    public RouteTlsClients(Vertx vertx, GatewayConfig gateway, RouteCredentialsConfig credentials,
            TlsConfigurationRegistry registry) {
        credentials.tlsConfiguration().forEach((route, name) -> {
            TlsConfiguration tls = registry.get(name).orElseThrow(() -> new IllegalStateException("route '" + route
                    + "' names TLS configuration '" + name + "', which quarkus.tls." + name + ".* does not define"));
            clients.put(route, vertx.createHttpClient(options(HttpClientProducer.options(gateway), tls)));
        });
    }

    /** The client of {@code route}'s calls, when it has a TLS configuration of its own. */
    public Optional<HttpClient> of(String route) {
        return route == null ? Optional.empty() : Optional.ofNullable(clients.get(route));
    }

    static HttpClientOptions options(HttpClientOptions base, TlsConfiguration tls) {
        HttpClientOptions options = new HttpClientOptions(base).setSsl(true);
        if (tls.getKeyStoreOptions() != null) {
            options.setKeyCertOptions(tls.getKeyStoreOptions());
        }
        if (tls.getTrustStoreOptions() != null) {
            options.setTrustOptions(tls.getTrustStoreOptions());
        }
        options.setTrustAll(tls.isTrustAll());
        // "NONE" switches host name verification off, as the registry's own clients read it.
        String verification = tls.getHostnameVerificationAlgorithm().orElse("HTTPS");
        options.setVerifyHost(!tls.isTrustAll() && !"NONE".equalsIgnoreCase(verification));
        if (tls.getSSLOptions() != null) {
            options.setEnabledSecureTransportProtocols(tls.getSSLOptions().getEnabledSecureTransportProtocols());
            tls.getSSLOptions().getEnabledCipherSuites().forEach(options::addEnabledCipherSuite);
        }
        return options;
    }

    @PreDestroy
    void close() {
        clients.values().forEach(HttpClient::close);
    }
}
