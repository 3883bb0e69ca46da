package io.workchain.gateway.client;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.workchain.common.SafeUrls;
import io.workchain.common.callback.CallbackHeaders;
import io.workchain.common.gateway.CallHeaders;
import io.workchain.common.gateway.FailureKind;
import io.workchain.common.gateway.Invocation;
import io.workchain.common.gateway.InvocationOutcome;
import io.workchain.gateway.config.GatewayConfig;
import io.workchain.gateway.credentials.CredentialsUnavailableException;
import io.workchain.gateway.credentials.OutboundCredentials;
import io.workchain.gateway.credentials.SecretMasker;
import io.workchain.gateway.service.CallbackGrants;
import io.workchain.gateway.target.TargetResolver;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Calls a resolved target over HTTP(S) without blocking: the item's method and payload, the
 * idempotency key, chain hash, order, index and W3C trace context as headers. Bounded in time and
 * size: the call timeout resets the request (the connection is closed, nothing keeps running), and
 * the body is counted as it streams in: past max-response-bytes the request is reset too and the
 * outcome says why. When the target's address was checked before, the connection goes to that very
 * address (no second lookup that could be rebound); the Host header and TLS name stay the URL's.
 * With callbacks on, the item's callback token and URL go along too (CallbackGrants), so a service
 * that answers 202 can answer later over HTTP.
 * A route's credentials (headers, bearer token, client certificate) go to that route's targets only,
 * and what the call produces is masked of them.
 */
@ApplicationScoped
public class HttpTargetCaller {

    /** The status of the outcome of a call that timed out, as a proxy would answer it. */
    static final int GATEWAY_TIMEOUT = 504;

    private final HttpClient client;
    private final Vertx vertx;
    private final Duration timeout;
    private final int maxResponseBytes;
    private final CallbackGrants callbacks;
    private final OutboundCredentials credentials;

    public HttpTargetCaller(HttpClient client, Vertx vertx, GatewayConfig config, CallbackGrants callbacks,
            OutboundCredentials credentials) {
        this.client = client;
        this.callbacks = callbacks;
        this.credentials = credentials;
        this.vertx = vertx;
        this.timeout = config.callTimeout();
        this.maxResponseBytes = config.maxResponseBytes();
    }

    /**
     * One call to an HTTP(S) target.
     *
     * @param address the checked address to connect to, or null to connect by the URL's host name
     * @param route the configured route the target lies under (its credentials are sent), or null
     * @param timeout the call timeout of the item's route (workchain.gateway.route-policies) or the global one
     */
    public Uni<InvocationOutcome> call(URI target, InetAddress address, Invocation invocation, DeliveryBody body,
            String route, Duration timeout) {
        String safeTarget = SafeUrls.redact(target);
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(invocation.request().method()))
                .setAbsoluteURI(target.toString())
                .setFollowRedirects(false) // a redirect could lead outside the allow-list
                .putHeader(CallHeaders.IDEMPOTENCY_KEY, invocation.idempotencyKey())
                .putHeader(CallHeaders.CHAIN_HASH, invocation.hash())
                .putHeader(CallHeaders.ORDER, Integer.toString(invocation.order()))
                .putHeader(CallHeaders.INDEX, Integer.toString(invocation.index()))
                .putHeader("User-Agent", "workchain-gateway");
        if (address != null) {
            options.setServer(
                    SocketAddress.inetSocketAddress(TargetResolver.defaultPort(target), address.getHostAddress()));
        }
        if (invocation.traceparent() != null) {
            options.putHeader(CallHeaders.TRACEPARENT, invocation.traceparent());
        }
        if (invocation.tracestate() != null) {
            options.putHeader(CallHeaders.TRACESTATE, invocation.tracestate());
        }
        if (!body.isEmpty()) {
            options.putHeader("Content-Type", body.contentType());
        }
        // The item's callback token is the service's alone: echoed back, it is masked like a credential.
        SecretMasker token = callbacks.grant(invocation, System.currentTimeMillis()).map(grant -> {
            options.putHeader(CallbackHeaders.TOKEN, grant.token()).putHeader(CallbackHeaders.URL, grant.url());
            return SecretMasker.of(List.of(grant.token()));
        }).orElse(SecretMasker.none());
        HttpClient through = credentials.client(route, client);
        return credentials.authorize(route, options).map(token::and)
                .onItem().transformToUni(masker -> Uni.createFrom().<InvocationOutcome>emitter(
                        emitter -> new Call(through, options, body, safeTarget, masker, emitter::complete)
                                .start(timeout))
                        .map(masker::mask).invoke(outcome -> credentials.answered(route, outcome)))
                // No token now: the route is out of service, like a target that cannot be reached.
                .onFailure(CredentialsUnavailableException.class)
                .recoverWithItem(error -> InvocationOutcome.failed(FailureKind.UNREACHABLE, error.getMessage(), 0));
    }

    /** One call: completes exactly once, with whatever comes first (answer, failure, timeout, size). */
    private final class Call {
        private final HttpClient client;
        private final RequestOptions options;
        private final DeliveryBody body;
        private final String target;
        private final SecretMasker masker;
        private final java.util.function.Consumer<InvocationOutcome> done;
        private final AtomicBoolean finished = new AtomicBoolean();
        private volatile HttpClientRequest request;
        private long timer = -1;

        Call(HttpClient client, RequestOptions options, DeliveryBody body, String target, SecretMasker masker,
                java.util.function.Consumer<InvocationOutcome> done) {
            this.client = client;
            this.options = options;
            this.body = body;
            this.target = target;
            this.masker = masker;
            this.done = done;
        }

        void start(Duration timeout) {
            // A target that does not answer in time is slow, not gone: like a proxy, the gateway
            // answers 504, a retryable answer the ESB retries a bounded number of times (an outage,
            // held until the deadline, is a target that cannot be reached at all).
            timer = vertx.setTimer(Math.max(1, timeout.toMillis()),
                    id -> abort(InvocationOutcome.failed(FailureKind.TIMED_OUT,
                            "no answer from " + target + " within " + timeout.toMillis() + " ms", GATEWAY_TIMEOUT)));
            client.request(options).onComplete(opened -> {
                if (opened.failed()) {
                    finish(unreachable(opened.cause()));
                    return;
                }
                request = opened.result();
                if (finished.get()) {
                    request.reset();
                    return;
                }
                request.exceptionHandler(error -> finish(unreachable(error)));
                (body.isEmpty() ? request.send() : request.send(Buffer.buffer(body.bytes())))
                        .onSuccess(this::read)
                        .onFailure(error -> finish(unreachable(error)));
            });
        }

        private void read(HttpClientResponse response) {
            Buffer body = Buffer.buffer();
            response.exceptionHandler(error -> finish(unreachable(error)));
            response.handler(chunk -> {
                if (body.length() + chunk.length() > maxResponseBytes) {
                    abort(InvocationOutcome.failed(FailureKind.TOO_LARGE, "the answer of " + target + " is larger than "
                            + maxResponseBytes + " bytes (workchain.gateway.max-response-bytes): aborted",
                            response.statusCode()));
                    return;
                }
                body.appendBuffer(chunk);
            });
            response.endHandler(end -> finish(OutcomeClassifier.classify(response.statusCode(),
                    body.length() == 0 ? null : body.toString(StandardCharsets.UTF_8),
                    response.getHeader("Content-Type"), target, masker::mask)));
        }

        /** Ends the call now: the request is reset, so the connection is closed and nothing keeps running. */
        private void abort(InvocationOutcome outcome) {
            if (finish(outcome) && request != null) {
                request.reset();
            }
        }

        private boolean finish(InvocationOutcome outcome) {
            if (!finished.compareAndSet(false, true)) {
                return false;
            }
            vertx.cancelTimer(timer);
            done.accept(outcome);
            return true;
        }

        private InvocationOutcome unreachable(Throwable error) {
            return InvocationOutcome.failed(FailureKind.UNREACHABLE,
                    "could not reach " + target + ": " + SafeUrls.describe(error), 0);
        }
    }
}
