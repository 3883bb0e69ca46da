package io.workchain.esb.client;

import io.smallrye.mutiny.Uni;
import io.workchain.common.gateway.Invocation;
import io.workchain.common.gateway.InvocationOutcome;

/**
 * One way to reach the Service Gateway. A failure of the transport itself (gateway down, broken
 * connection) fails the Uni with {@link GatewayUnavailableException}, which is retried.
 */
public interface GatewayTransport {

    Uni<InvocationOutcome> invoke(Invocation invocation);

    /**
     * One call to the gateway without side effect, over the same path as {@link #invoke}: the
     * warm-up's (warmup/EsbWarmUp), so the first chains after a start do not pay for the
     * transport's first calls. A transport without one fails it.
     */
    default Uni<Void> ping() {
        return Uni.createFrom().failure(new UnsupportedOperationException("this transport has no ping"));
    }
}
