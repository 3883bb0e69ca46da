package io.workchain.gateway.client;

import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.workchain.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/** The one web client every call to a service goes through, on Quarkus's Vert.x instance. */
@ApplicationScoped
public class WebClientProducer {

    @Produces
    @ApplicationScoped
    WebClient webClient(Vertx vertx, GatewayConfig config) {
        WebClientOptions options = new WebClientOptions()
                .setUserAgent("workchain-gateway")
                .setFollowRedirects(false) // a redirect could lead outside the allow-list
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.callTimeout().toMillis()))
                .setTrustAll(config.tls().trustAll())
                .setVerifyHost(!config.tls().trustAll());
        config.tls().trustCertificatesPem().ifPresent(files -> {
            PemTrustOptions pem = new PemTrustOptions();
            files.forEach(pem::addCertPath);
            options.setPemTrustOptions(pem);
        });
        return WebClient.create(vertx, options);
    }

    void close(@Disposes WebClient client) {
        client.close();
    }
}
