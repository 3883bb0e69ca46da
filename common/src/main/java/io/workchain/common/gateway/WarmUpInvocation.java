package io.workchain.common.gateway;

import io.workchain.common.message.Request;
import io.workchain.common.message.Response;

/**
 * The invocation the ESB's warm-up sends the gateway, over its configured transport, before it
 * reports ready: Invoke's own path on both ends (the client call and the server's handler, their
 * interceptors and per-method metrics, the messages' codecs), which a health ping does not take.
 * Without it, a flight recording of the first chain after a restart showed the gateway registering
 * Invoke's metrics and leaving compiled code for classes not yet loaded, on that chain's time.
 *
 * <p>The gateway answers it at once with {@link #answer()}: nothing is resolved, delivered or
 * counted. Its route name is reserved (the gateway refuses to start with a route of that name), so
 * no configured target can be reached this way.
 */
public final class WarmUpInvocation {

    /** The reserved route name the warm-up invocation names. */
    public static final String ROUTE = "workchain-warm-up";
    /** A chain hash no chain has (all zeros): nothing the invocation could be mistaken for. */
    static final String HASH = "00000000000000000000000000000000";

    private WarmUpInvocation() {}

    /** The invocation, as the ESB's warm-up sends it. */
    public static Invocation create() {
        return new Invocation(HASH, 0, 0, Request.http(ROUTE, "/", "POST", "{}"), null, null);
    }

    /** Whether an invocation is the warm-up's (it names the reserved route). */
    public static boolean is(Invocation invocation) {
        return invocation.request() != null && ROUTE.equals(invocation.request().url());
    }

    /** What the gateway answers it. */
    public static InvocationOutcome answer() {
        return InvocationOutcome.completed(Response.success("{}", null), 200, "application/json");
    }
}
