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
}
