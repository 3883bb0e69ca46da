package io.workchain.common.gateway;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.limits.Reasons;
import io.workchain.common.message.Response;

import java.util.Optional;

/**
 * The gateway's answer to an {@link Invocation}. For FAILED, {@code kind} says what went wrong
 * (the ESB decides by it whether to retry, wait out an outage or stop), {@code retryable} is
 * derived from it and kept on the wire for callers that predate kinds, and {@code reason} says
 * why, without secrets. For NEEDS_WORK_MESSAGE, {@code contentType} names the format the item's
 * route receives the whole work message in.
 */
public record InvocationOutcome(OutcomeStatus status,
        @JsonProperty("failure_kind") @JsonInclude(JsonInclude.Include.NON_NULL) FailureKind kind,
        String reason, Response response,
        @JsonProperty("http_status") int httpStatus,
        @JsonProperty("content_type") String contentType) {

    public InvocationOutcome {
        kind = status == OutcomeStatus.FAILED ? (kind == null ? FailureKind.FINAL : kind) : null;
    }

    /**
     * Read from JSON: {@code failure_kind} when the gateway names it, else (a gateway that predates
     * kinds, or a kind this version does not know) derived from {@code retryable} and the status.
     */
    @JsonCreator
    public static InvocationOutcome fromJson(@JsonProperty("status") OutcomeStatus status,
            @JsonProperty("failure_kind") String kind,
            @JsonProperty("retryable") boolean retryable,
            @JsonProperty("reason") String reason,
            @JsonProperty("response") Response response,
            @JsonProperty("http_status") int httpStatus,
            @JsonProperty("content_type") String contentType) {
        FailureKind named = FailureKind.fromName(kind);
        return new InvocationOutcome(status, named != null ? named : FailureKind.fromLegacy(retryable, httpStatus),
                reason, response, httpStatus, contentType);
    }

    public static InvocationOutcome completed(Response response, int httpStatus, String contentType) {
        return new InvocationOutcome(OutcomeStatus.COMPLETED, null, null, response, httpStatus, contentType);
    }

    public static InvocationOutcome accepted(int httpStatus) {
        return new InvocationOutcome(OutcomeStatus.ACCEPTED, null, null, null, httpStatus, null);
    }

    public static InvocationOutcome failed(FailureKind kind, String reason, int httpStatus) {
        return new InvocationOutcome(OutcomeStatus.FAILED, kind, Reasons.bounded(reason), null, httpStatus, null);
    }

    /** The item's route receives the whole work message, in {@code format}, and the invocation lacked it. */
    public static InvocationOutcome needsWorkMessage(WireFormat format, String reason) {
        return new InvocationOutcome(OutcomeStatus.NEEDS_WORK_MESSAGE, null, Reasons.bounded(reason), null, 0,
                format.contentType());
    }

    /** For FAILED: whether trying again may help (an outage, a retryable answer, a timeout). */
    @JsonProperty("retryable")
    public boolean retryable() {
        return kind != null && kind.retryable();
    }

    /**
     * The target could not be reached at all (no connection: refused, reset, unresolvable): an
     * outage, not an answer of the service. The ESB holds such work until the item's deadline
     * instead of failing it.
     */
    public boolean unreachable() {
        return kind == FailureKind.UNREACHABLE;
    }

    /** For NEEDS_WORK_MESSAGE: the format the route receives the work message in (empty if unreadable). */
    public Optional<WireFormat> workMessageFormat() {
        return status == OutcomeStatus.NEEDS_WORK_MESSAGE ? WireFormat.fromContentType(contentType) : Optional.empty();
    }
}
