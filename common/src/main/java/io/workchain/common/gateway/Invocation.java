package io.workchain.common.gateway;

import io.workchain.common.message.Request;

/**
 * One call the ESB asks the Service Gateway to make: item {@code index} (step {@code order}) of
 * chain {@code hash}, with the caller's W3C trace context, and the chain's work message as JSON
 * text (its responses so far included) for routes that deliver the whole work message instead of
 * the item's payload. The body of {@code POST /invoke} and, as InvokeRequest, of the gRPC Invoke
 * operation.
 */
public record Invocation(String hash, int order, int index, Request request, String traceparent, String tracestate,
                         @com.fasterxml.jackson.annotation.JsonProperty("work_message") String workMessage) {

    public Invocation(String hash, int order, int index, Request request, String traceparent, String tracestate) {
        this(hash, order, index, request, traceparent, tracestate, null);
    }

    /** The same invocation, continuing the trace from {@code newTraceparent} (the gateway's own span). */
    public Invocation withTraceparent(String newTraceparent) {
        return new Invocation(hash, order, index, request, newTraceparent, tracestate, workMessage);
    }

    /** The key a service can deduplicate at-least-once calls with: {@code hash/order/index}. */
    public String idempotencyKey() {
        return hash + "/" + order + "/" + index;
    }
}
