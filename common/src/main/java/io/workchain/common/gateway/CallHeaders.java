package io.workchain.common.gateway;

/** HTTP headers the gateway sends with every call, so a service can deduplicate and correlate. */
public final class CallHeaders {

    /** {@code hash/order/index}: the same on every retry of one item. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String CHAIN_HASH = "X-Workchain-Hash";
    public static final String ORDER = "X-Workchain-Order";
    public static final String INDEX = "X-Workchain-Index";
    /** W3C trace context. */
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private CallHeaders() {}
}
