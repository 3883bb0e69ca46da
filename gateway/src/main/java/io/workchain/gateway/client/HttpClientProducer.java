package io.workchain.gateway.client;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.PemTrustOptions;
import io.workchain.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/**
 * The one HTTP client every call to a service goes through, on Quarkus's Vert.x instance. The
 * core client (not the WebClient) so that a body is read as it streams in and a call can be reset.
 */
@ApplicationScoped
public class HttpClientProducer {

    @Produces
    @ApplicationScoped
    HttpClient httpClient(Vertx vertx, GatewayConfig config) {
        return vertx.createHttpClient(options(config));
    }

    /** The options of every client to services (a route's TLS client starts from them too). */
    public static HttpClientOptions options(GatewayConfig config) {
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.callTimeout().toMillis()))
                .setMaxPoolSize(config.maxConnectionsPerTarget())
                .setKeepAlive(true)
                .setTrustAll(config.tls().trustAll())
                .setVerifyHost(!config.tls().trustAll());
        config.tls().trustCertificatesPem().ifPresent(files -> {
            PemTrustOptions pem = new PemTrustOptions();
            files.forEach(pem::addCertPath);
            options.setPemTrustOptions(pem);
        });
        return options;
    }

    void close(@Disposes HttpClient client) {
        client.close();
    }
}
