package io.workchain.common.gateway;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.workchain.common.message.Response;

/**
 * The gateway's answer to an {@link Invocation}. For FAILED, {@code retryable} says whether trying
 * again may help (5xx, 429, connection error, timeout) or not (other 4xx, refused target, bad
 * request), and {@code reason} says why, without secrets.
 */
public record InvocationOutcome(OutcomeStatus status, boolean retryable, String reason, Response response,
                                @JsonProperty("http_status") int httpStatus,
                                @JsonProperty("content_type") String contentType) {

    public static InvocationOutcome completed(Response response, int httpStatus, String contentType) {
        return new InvocationOutcome(OutcomeStatus.COMPLETED, false, null, response, httpStatus, contentType);
    }

    public static InvocationOutcome accepted(int httpStatus) {
        return new InvocationOutcome(OutcomeStatus.ACCEPTED, false, null, null, httpStatus, null);
    }

    public static InvocationOutcome failed(boolean retryable, String reason, int httpStatus) {
        return new InvocationOutcome(OutcomeStatus.FAILED, retryable, io.workchain.common.limits.Reasons.bounded(reason),
                null, httpStatus, null);
    }

    /**
     * The target could not be reached at all (no connection: refused, reset, unresolvable): an
     * outage, not an answer of the service. The ESB holds such work until the chain's deadline
     * instead of failing it. (A target that does not answer in time gets 504 from the gateway: a
     * retryable answer, retried a bounded number of times.)
     */
    public boolean unreachable() {
        return status == OutcomeStatus.FAILED && retryable && httpStatus == 0;
    }
}
