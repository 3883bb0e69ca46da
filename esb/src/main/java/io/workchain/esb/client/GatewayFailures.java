package io.workchain.esb.client;

import io.grpc.Status;
import io.smallrye.mutiny.Uni;
import io.workchain.common.gateway.FailureKind;
import io.workchain.common.gateway.InvocationOutcome;
import jakarta.ws.rs.WebApplicationException;

import java.util.Set;

/**
 * What a failed call to the gateway means. Only unavailability is an outage, held until the
 * item's deadline: no connection, no answer in time, a gateway restarting. A permanent answer of
 * the gateway's transport fails the item at once with its kind and reason (the invocation is too
 * large: TOO_LARGE; malformed: BAD_REQUEST; not allowed: REFUSED; anything else: FINAL): trying
 * again would get the same answer until the deadline.
 */
final class GatewayFailures {

    /** gRPC codes that say the gateway could not take the call now, not that it refused it. */
    private static final Set<Status.Code> UNAVAILABLE = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.CANCELLED, Status.Code.ABORTED, Status.Code.UNKNOWN, Status.Code.INTERNAL);

    private GatewayFailures() {}

    /** A failed gRPC call: an outage (a failure the dispatcher waits out), or the item's permanent failure. */
    static Uni<InvocationOutcome> ofGrpc(Throwable error) {
        Status status = Status.fromThrowable(error);
        if (UNAVAILABLE.contains(status.getCode())) {
            return Uni.createFrom().failure(new GatewayUnavailableException(
                    "gateway unreachable over gRPC: " + error.getMessage(), error));
        }
        return Uni.createFrom()
                .item(refused(kind(status.getCode()), status.getCode() + (status.getDescription() == null
                        ? ""
                        : ": " + status.getDescription())));
    }

    /** A failed REST call: a 4xx other than 408 and 429 is a permanent answer; anything else an outage. */
    static Uni<InvocationOutcome> ofRest(Throwable error) {
        if (error instanceof WebApplicationException web && web.getResponse() != null) {
            int code = web.getResponse().getStatus();
            if (code >= 400 && code < 500 && code != 408 && code != 429) {
                return Uni.createFrom().item(refused(kind(code), "HTTP " + code));
            }
        }
        return Uni.createFrom().failure(new GatewayUnavailableException(
                "gateway unreachable over REST: " + error.getMessage(), error));
    }

    /** The kind of a permanent gRPC status. */
    static FailureKind kind(Status.Code code) {
        return switch (code) {
            case RESOURCE_EXHAUSTED -> FailureKind.TOO_LARGE;
            case INVALID_ARGUMENT, OUT_OF_RANGE -> FailureKind.BAD_REQUEST;
            case PERMISSION_DENIED, UNAUTHENTICATED -> FailureKind.REFUSED;
            default -> FailureKind.FINAL;
        };
    }

    /** The kind of a permanent HTTP status of the gateway's REST face. */
    static FailureKind kind(int httpStatus) {
        return switch (httpStatus) {
            case 413 -> FailureKind.TOO_LARGE;
            case 400, 415, 422 -> FailureKind.BAD_REQUEST;
            case 401, 403 -> FailureKind.REFUSED;
            default -> FailureKind.FINAL;
        };
    }

    private static InvocationOutcome refused(FailureKind kind, String answer) {
        return InvocationOutcome.failed(kind, "the gateway refused the invocation (" + answer
                + "); not retried: the same invocation would get the same answer", 0);
    }
}
