package io.workchain.gateway.credentials;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import io.workchain.testing.TestCertificates;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTPS target on loopback that completes no handshake without a client certificate it trusts
 * (Vert.x's server: the JDK's HttpsServer stalls on TLS 1.3 with client authentication). Records the
 * path and headers of each request it lets in.
 */
final class MutualTlsTarget implements AutoCloseable {

    private final Vertx vertx;
    private final HttpServer server;

    MutualTlsTarget(TestCertificates certificate, Path trustedClientPem, List<Map<String, String>> received) {
        this.vertx = Vertx.vertx();
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
                .setClientAuth(ClientAuth.REQUIRED)
                .setKeyCertOptions(new PfxOptions().setPath(certificate.keyStore().toString())
                        .setPassword(new String(certificate.password())))
                .setTrustOptions(new PemTrustOptions().addCertPath(trustedClientPem.toString()));
        this.server = vertx.createHttpServer(options).requestHandler(request -> request.body().onSuccess(body -> {
            Map<String, String> headers = new HashMap<>();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
            headers.put(":path", request.path());
            received.add(headers);
            request.response().putHeader("Content-Type", "application/json").end("{\"ok\":true}");
        })).listen().toCompletionStage().toCompletableFuture().join();
    }

    String baseUrl() {
        return "https://127.0.0.1:" + server.actualPort();
    }

    @Override
    public void close() {
        server.close().toCompletionStage().toCompletableFuture().join();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
