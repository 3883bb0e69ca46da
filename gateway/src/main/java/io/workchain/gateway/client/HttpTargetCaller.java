package io.workchain.gateway.client;

import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.workchain.common.gateway.CallHeaders;
import io.workchain.common.gateway.Invocation;
import io.workchain.common.gateway.InvocationOutcome;
import io.workchain.gateway.config.GatewayConfig;
import io.workchain.common.SafeUrls;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Calls a resolved target over HTTP(S) without blocking: the item's method and payload, the
 * idempotency key, chain hash, order, index and W3C trace context as headers, a per-call timeout.
 */
@ApplicationScoped
public class HttpTargetCaller {

    private final WebClient client;
    private final Duration timeout;
    private final int maxResponseBytes;

    public HttpTargetCaller(WebClient client, GatewayConfig config) {
        this.client = client;
        this.timeout = config.callTimeout();
        this.maxResponseBytes = config.maxResponseBytes();
    }

    public Uni<InvocationOutcome> call(URI target, Invocation invocation) {
        String safeTarget = SafeUrls.redact(target);
        HttpRequest<Buffer> request = client.requestAbs(HttpMethod.valueOf(invocation.request().method()), target.toString())
                .putHeader(CallHeaders.IDEMPOTENCY_KEY, invocation.idempotencyKey())
                .putHeader(CallHeaders.CHAIN_HASH, invocation.hash())
                .putHeader(CallHeaders.ORDER, Integer.toString(invocation.order()))
                .putHeader(CallHeaders.INDEX, Integer.toString(invocation.index()));
        if (invocation.traceparent() != null) {
            request.putHeader(CallHeaders.TRACEPARENT, invocation.traceparent());
        }
        if (invocation.tracestate() != null) {
            request.putHeader(CallHeaders.TRACESTATE, invocation.tracestate());
        }
        String payload = invocation.request().payload();
        Uni<HttpResponse<Buffer>> sent = payload == null ? request.send()
                : request.putHeader("Content-Type", contentTypeOf(payload)).sendBuffer(Buffer.buffer(payload));
        return sent
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException())
                .map(response -> classify(response, safeTarget))
                .onFailure(TimeoutException.class).recoverWithItem(() -> InvocationOutcome.failed(true,
                        "no answer from " + safeTarget + " within " + timeout.toMillis() + " ms", 0))
                .onFailure().recoverWithItem(error -> InvocationOutcome.failed(true,
                        "could not reach " + safeTarget + ": " + describe(error), 0));
    }

    private InvocationOutcome classify(HttpResponse<Buffer> response, String safeTarget) {
        Buffer body = response.body();
        String text = null;
        if (body != null) {
            byte[] bytes = body.getBytes();
            text = new String(bytes, 0, Math.min(bytes.length, maxResponseBytes), StandardCharsets.UTF_8);
        }
        return OutcomeClassifier.classify(response.statusCode(), text, response.getHeader("Content-Type"), safeTarget);
    }

    /** The payload is JSON text or base64 protobuf (specification); say which to the service. */
    private static String contentTypeOf(String payload) {
        String trimmed = payload.stripLeading();
        return trimmed.startsWith("{") || trimmed.startsWith("[") ? "application/json" : "text/plain";
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }
}
