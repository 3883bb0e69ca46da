package io.workchain.gateway.warmup;

import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * One call of the gateway's own HTTP client (the one every call to a service goes through) to the
 * gateway's own liveness endpoint: the client's and the server's request path taken without side
 * effect, for the warm-up (GatewayWarmUp). Made only once the HTTP server listens (Quarkus's
 * {@link HttpServerStart}); until then a turn makes no call.
 *
 * <p>Every {@value #NEW_CONNECTION_EVERY}th call asks for its connection to be closed, so that the
 * next one opens a new one. Kept alive throughout, the warm-up opened one connection and its path
 * (connect, the pool's lease, the HTTP codec's set-up) stayed cold; after a restart every route's
 * first call opens one, and in a flight recording the first chain's call to the demo service spent
 * 35 ms waiting for its connection.
 */
@ApplicationScoped
public class OwnLivenessCall implements BooleanSupplier {

    /** Quarkus's liveness endpoint (the default non-application root, as the manifests probe it). */
    static final String LIVENESS_PATH = "/q/health/live";
    /** A call that takes longer: something is wrong with the loopback (it ends the calls). */
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** A new connection every so many calls: 500 of the default 10,000 calls (and as many sockets in TIME_WAIT). */
    static final int NEW_CONNECTION_EVERY = 20;

    private final HttpClient client;
    private volatile RequestOptions request;
    /** Calls made; the warm-up's one thread only. */
    private long calls;

    public OwnLivenessCall(HttpClient client) {
        this.client = client;
    }

    /** The server listens: from now on the calls go to it. */
    void listening(@ObservesAsync HttpServerStart start) {
        int port = start.options().getPort();
        if (port <= 0) {
            // A random port (tests: the options say -1): Quarkus writes the one it got to quarkus.http.port.
            port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", Integer.class).orElse(0);
        }
        if (port > 0) {
            aimAt(loopbackFor(start.options().getHost()), port);
        }
    }

    /** From now on the calls go to this server. */
    void aimAt(String host, int port) {
        request = new RequestOptions().setMethod(HttpMethod.GET).setHost(host).setPort(port).setURI(LIVENESS_PATH)
                .setTimeout(TIMEOUT.toMillis());
    }

    /** The server's own address, or loopback when it listens on every interface. */
    static String loopbackFor(String host) {
        boolean everyInterface = host == null || host.isBlank() || "0.0.0.0".equals(host) || "::".equals(host)
                || "[::]".equals(host);
        return everyInterface ? "127.0.0.1" : host;
    }

    @Override
    public boolean getAsBoolean() {
        RequestOptions options = request;
        if (options == null) {
            return false;
        }
        if (++calls % NEW_CONNECTION_EVERY == 0) {
            // Closed after this answer (HTTP/1.1's own way to say so): the next call opens another.
            options = new RequestOptions(options).putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        try {
            client.request(options)
                    .compose(call -> call.send().compose(response -> response.body()))
                    .toCompletionStage().toCompletableFuture()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the gateway's own " + LIVENESS_PATH + " did not answer: " + e, e);
        }
    }
}
