package io.workchain.esb.client;

import io.grpc.Status;
import io.smallrye.mutiny.Uni;
import io.workchain.common.gateway.InvocationOutcome;
import jakarta.ws.rs.WebApplicationException;

import java.util.Set;

/**
 * What a failed call to the gateway means. Only unavailability is an outage, held until the
 * chain's deadline: no connection, no answer in time, a gateway restarting. A permanent answer of
 * the gateway's transport (the invocation is too large, malformed, not allowed) fails the item at
 * once with its reason: trying again would get the same answer until the deadline.
 */
final class GatewayFailures {

    /** gRPC codes that say the gateway could not take the call now, not that it refused it. */
    private static final Set<Status.Code> UNAVAILABLE = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.CANCELLED, Status.Code.ABORTED, Status.Code.UNKNOWN, Status.Code.INTERNAL);

    private GatewayFailures() {
    }

    /** A failed gRPC call: an outage (a failure the dispatcher waits out), or the item's permanent failure. */
    static Uni<InvocationOutcome> ofGrpc(Throwable error) {
        Status status = Status.fromThrowable(error);
        if (UNAVAILABLE.contains(status.getCode())) {
            return Uni.createFrom().failure(new GatewayUnavailableException(
                    "gateway unreachable over gRPC: " + error.getMessage(), error));
        }
        return Uni.createFrom().item(refused(status.getCode() + (status.getDescription() == null ? ""
                : ": " + status.getDescription())));
    }

    /** A failed REST call: a 4xx other than 408 and 429 is a permanent answer; anything else an outage. */
    static Uni<InvocationOutcome> ofRest(Throwable error) {
        if (error instanceof WebApplicationException web && web.getResponse() != null) {
            int code = web.getResponse().getStatus();
            if (code >= 400 && code < 500 && code != 408 && code != 429) {
                return Uni.createFrom().item(refused("HTTP " + code));
            }
        }
        return Uni.createFrom().failure(new GatewayUnavailableException(
                "gateway unreachable over REST: " + error.getMessage(), error));
    }

    private static InvocationOutcome refused(String answer) {
        return InvocationOutcome.failed(false, "the gateway refused the invocation (" + answer
                + "); not retried: the same invocation would get the same answer", 0);
    }
}
