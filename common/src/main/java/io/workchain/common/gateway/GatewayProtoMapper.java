package io.workchain.common.gateway;

import io.workchain.common.codec.ProtobufMessageMapper;
import io.workchain.proto.v1.InvokeOutcome;
import io.workchain.proto.v1.InvokeRequest;

/** Maps {@link Invocation} and {@link InvocationOutcome} to and from their gRPC messages. */
public final class GatewayProtoMapper {

    private GatewayProtoMapper() {
    }

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
        return builder.build();
    }

    public static Invocation fromProto(InvokeRequest request) {
        return new Invocation(request.getHash(), request.getOrder(), request.getIndex(),
                request.hasRequest() ? ProtobufMessageMapper.fromProto(request.getRequest(), "request") : null,
                emptyToNull(request.getTraceparent()), emptyToNull(request.getTracestate()),
                request.hasWorkMessage() ? request.getWorkMessage() : null);
    }

    public static InvokeOutcome toProto(InvocationOutcome outcome) {
        InvokeOutcome.Builder builder = InvokeOutcome.newBuilder()
                .setStatus(InvokeOutcome.Status.valueOf(outcome.status().name()))
                .setRetryable(outcome.retryable())
                .setReason(outcome.reason() == null ? "" : outcome.reason())
                .setHttpStatus(outcome.httpStatus())
                .setContentType(outcome.contentType() == null ? "" : outcome.contentType());
        if (outcome.response() != null) {
            builder.setResponse(ProtobufMessageMapper.toProto(outcome.response()));
        }
        return builder.build();
    }

    public static InvocationOutcome fromProto(InvokeOutcome outcome) {
        if (outcome.getStatus() == InvokeOutcome.Status.STATUS_UNSPECIFIED || outcome.getStatus() == InvokeOutcome.Status.UNRECOGNIZED) {
            return InvocationOutcome.failed(false, "gateway answered without a status", 0);
        }
        return new InvocationOutcome(OutcomeStatus.valueOf(outcome.getStatus().name()), outcome.getRetryable(),
                emptyToNull(outcome.getReason()),
                outcome.hasResponse() ? ProtobufMessageMapper.fromProto(outcome.getResponse()) : null,
                outcome.getHttpStatus(), emptyToNull(outcome.getContentType()));
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
