package io.workchain.common.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.workchain.common.message.Request;

import java.util.Arrays;
import java.util.Objects;

/**
 * One call the ESB asks the Service Gateway to make: item {@code index} (step {@code order}) of
 * chain {@code hash}, with the caller's W3C trace context. The chain's work message (its responses
 * so far included) travels only to routes that receive it whole, and only in the format the route
 * receives: JSON text in {@code workMessage}, or the protobuf Envelope in {@code workMessageProtobuf}
 * (base64 in JSON). Without it such a route answers NEEDS_WORK_MESSAGE. The body of
 * {@code POST /invoke} and, as InvokeRequest, of the gRPC Invoke operation. {@code deadline}
 * (epoch ms, optional): when the item is over (the ESB's reckoning of its deadline); a callback
 * token the gateway gives the service expires then.
 */
public record Invocation(String hash, int order, int index, Request request, String traceparent, String tracestate,
        @JsonProperty("work_message") @JsonInclude(JsonInclude.Include.NON_NULL) String workMessage,
        @JsonProperty("work_message_protobuf") @JsonInclude(JsonInclude.Include.NON_NULL) byte[] workMessageProtobuf,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long deadline) {

    public Invocation(String hash, int order, int index, Request request, String traceparent, String tracestate,
            String workMessage, byte[] workMessageProtobuf) {
        this(hash, order, index, request, traceparent, tracestate, workMessage, workMessageProtobuf, null);
    }

    public Invocation(String hash, int order, int index, Request request, String traceparent, String tracestate) {
        this(hash, order, index, request, traceparent, tracestate, null, null);
    }

    public Invocation(String hash, int order, int index, Request request, String traceparent, String tracestate,
            String workMessage) {
        this(hash, order, index, request, traceparent, tracestate, workMessage, null);
    }

    /** The same invocation, continuing the trace from {@code newTraceparent} (the gateway's own span). */
    public Invocation withTraceparent(String newTraceparent) {
        return new Invocation(hash, order, index, request, newTraceparent, tracestate, workMessage,
                workMessageProtobuf, deadline);
    }

    /** The same invocation, for an item that is over at {@code epochMillis}. */
    public Invocation withDeadline(long epochMillis) {
        return new Invocation(hash, order, index, request, traceparent, tracestate, workMessage, workMessageProtobuf,
                epochMillis);
    }

    /** The same invocation carrying the chain as JSON text (and not as protobuf). */
    public Invocation withWorkMessage(String json) {
        return new Invocation(hash, order, index, request, traceparent, tracestate, json, null, deadline);
    }

    /** The same invocation carrying the chain as a protobuf Envelope (and not as JSON). */
    public Invocation withWorkMessageProtobuf(byte[] envelope) {
        return new Invocation(hash, order, index, request, traceparent, tracestate, null, envelope, deadline);
    }

    /** The key a service can deduplicate at-least-once calls with: {@code hash/order/index}. */
    public String idempotencyKey() {
        return hash + "/" + order + "/" + index;
    }

    /** Bytes are compared by content, not by reference: two readings of one invocation are equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Invocation that && order == that.order && index == that.index
                && Objects.equals(hash, that.hash) && Objects.equals(request, that.request)
                && Objects.equals(traceparent, that.traceparent)
                && Objects.equals(tracestate, that.tracestate)
                && Objects.equals(workMessage, that.workMessage) && Objects.equals(deadline, that.deadline)
                && Arrays.equals(workMessageProtobuf, that.workMessageProtobuf);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hash, order, index, request, traceparent, tracestate, workMessage, deadline)
                * 31 + Arrays.hashCode(workMessageProtobuf);
    }

    /** Says how large the chain is, not what it holds: an invocation may be logged. */
    @Override
    public String toString() {
        return "Invocation[" + idempotencyKey() + ", request=" + request
                + (workMessage == null ? "" : ", work_message=" + workMessage.length() + " chars")
                + (workMessageProtobuf == null
                        ? ""
                        : ", work_message_protobuf=" + workMessageProtobuf.length + " bytes")
                + "]";
    }
}
