package io.workchain.common.gateway;

import com.google.protobuf.ByteString;
import io.workchain.common.codec.ProtobufMessageMapper;
import io.workchain.proto.v1.InvokeOutcome;
import io.workchain.proto.v1.InvokeRequest;

/** Maps {@link Invocation} and {@link InvocationOutcome} to and from their gRPC messages. */
public final class GatewayProtoMapper {

    private GatewayProtoMapper() {}

    public static InvokeRequest toProto(Invocation invocation) {
        InvokeRequest.Builder builder = InvokeRequest.newBuilder()
                .setHash(invocation.hash())
                .setOrder(invocation.order())
                .setIndex(invocation.index())
                .setRequest(ProtobufMessageMapper.toProto(invocation.request()))
                .setTraceparent(invocation.traceparent() == null ? "" : invocation.traceparent())
                .setTracestate(invocation.tracestate() == null ? "" : invocation.tracestate());
        if (invocation.workMessage() != null) {
            builder.setWorkMessage(invocation.workMessage());
        }
        if (invocation.workMessageProtobuf() != null) {
            builder.setWorkMessageProtobuf(ByteString.copyFrom(invocation.workMessageProtobuf()));
        }
        if (invocation.deadline() != null) {
            builder.setDeadline(invocation.deadline());
        }
        return builder.build();
    }

    public static Invocation fromProto(InvokeRequest request) {
        return new Invocation(request.getHash(), request.getOrder(), request.getIndex(),
                request.hasRequest() ? ProtobufMessageMapper.fromProto(request.getRequest(), "request") : null,
                emptyToNull(request.getTraceparent()), emptyToNull(request.getTracestate()),
                request.hasWorkMessage() ? request.getWorkMessage() : null,
                request.hasWorkMessageProtobuf() ? request.getWorkMessageProtobuf().toByteArray() : null,
                request.hasDeadline() ? request.getDeadline() : null);
    }

    public static InvokeOutcome toProto(InvocationOutcome outcome) {
        InvokeOutcome.Builder builder = InvokeOutcome.newBuilder()
                .setStatus(InvokeOutcome.Status.valueOf(outcome.status().name()))
                .setRetryable(outcome.retryable())
                .setReason(outcome.reason() == null ? "" : outcome.reason())
                .setHttpStatus(outcome.httpStatus())
                .setContentType(outcome.contentType() == null ? "" : outcome.contentType());
        if (outcome.kind() != null) {
            builder.setFailureKind(InvokeOutcome.FailureKind.valueOf(outcome.kind().name()));
        }
        if (outcome.response() != null) {
            builder.setResponse(ProtobufMessageMapper.toProto(outcome.response()));
        }
        return builder.build();
    }

    public static InvocationOutcome fromProto(InvokeOutcome outcome) {
        if (outcome.getStatus() == InvokeOutcome.Status.STATUS_UNSPECIFIED
                || outcome.getStatus() == InvokeOutcome.Status.UNRECOGNIZED) {
            return InvocationOutcome.failed(FailureKind.FINAL, "gateway answered without a status this ESB knows", 0);
        }
        return new InvocationOutcome(OutcomeStatus.valueOf(outcome.getStatus().name()), kind(outcome),
                emptyToNull(outcome.getReason()),
                outcome.hasResponse() ? ProtobufMessageMapper.fromProto(outcome.getResponse()) : null,
                outcome.getHttpStatus(), emptyToNull(outcome.getContentType()));
    }

    /** The kind the gateway named, else (a gateway that predates kinds) the one its retryable flag implies. */
    private static FailureKind kind(InvokeOutcome outcome) {
        return switch (outcome.getFailureKind()) {
            case FAILURE_KIND_UNSPECIFIED, UNRECOGNIZED ->
                FailureKind.fromLegacy(outcome.getRetryable(), outcome.getHttpStatus());
            default -> FailureKind.valueOf(outcome.getFailureKind().name());
        };
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
