package io.workchain.common.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.workchain.common.gateway.CallHeaders;

import java.util.HashMap;
import java.util.Map;

/**
 * One trace per chain: every hop (the ESB's step, the gateway's call, the notifier's fold) starts
 * its span as a child of the W3C {@code traceparent} it received, and passes its own on. Without an
 * OpenTelemetry SDK (a plain client, a service with tracing off) the spans are no-ops that carry
 * the parent's context, so the trace id still travels unchanged.
 */
public final class ChainTrace {

    /** The span attribute naming the chain (a trace attribute, never a metric tag). */
    public static final String HASH_ATTRIBUTE = "workchain.hash";

    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private ChainTrace() {}

    /** A span of this hop, child of {@code traceparent} (a new trace when it is absent or malformed). */
    public static Span start(Tracer tracer, String name, SpanKind kind, String traceparent, String hash) {
        SpanBuilder builder = tracer.spanBuilder(name).setSpanKind(kind).setParent(parent(traceparent));
        if (hash != null) {
            builder.setAttribute(HASH_ATTRIBUTE, hash);
        }
        return builder.startSpan();
    }

    /** The context a {@code traceparent} names, or the root when there is none. */
    public static Context parent(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(),
                Map.of(CallHeaders.TRACEPARENT, traceparent), MAP);
    }

    /** The {@code traceparent} that makes the next hop a child of {@code span}; {@code fallback} when the span carries no valid context. */
    public static String traceparent(Span span, String fallback) {
        if (!span.getSpanContext().isValid()) {
            return fallback;
        }
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(span), carrier, Map::put);
        return carrier.getOrDefault(CallHeaders.TRACEPARENT, fallback);
    }
}
