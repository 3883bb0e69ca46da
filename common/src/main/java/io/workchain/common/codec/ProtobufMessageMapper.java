package io.workchain.common.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import io.workchain.common.message.ChainStatus;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.MalformedMessageException;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.Request;
import io.workchain.common.message.RequestType;
import io.workchain.common.message.Response;
import io.workchain.common.message.ResultItem;
import io.workchain.common.message.WorkItem;
import io.workchain.common.message.WorkMessage;
import io.workchain.common.message.WorkchainMessage;
import io.workchain.proto.v1.Envelope;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps the Java messages to and from the generated protobuf types of workchain_messages.proto. proto3
 * strings have no presence: an empty required string reads as missing, so the validator names it
 * just as it does for JSON. Public for the services, which put these types on gRPC calls.
 */
public final class ProtobufMessageMapper {

    private ProtobufMessageMapper() {}

    static WorkchainMessage read(byte[] bytes) {
        Envelope envelope;
        try {
            envelope = Envelope.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedMessageException("", "is not valid protobuf (workchain.v1.Envelope): " + e.getMessage());
        }
        return switch (envelope.getMessageCase()) {
            case WORK_MESSAGE -> fromProto(envelope.getWorkMessage());
            case NOTIFICATION_MESSAGE ->
                new NotificationMessage(emptyToNull(envelope.getNotificationMessage().getHash()),
                        results(envelope.getNotificationMessage().getItemsList()));
            case COMPLETION_MESSAGE -> {
                var completion = envelope.getCompletionMessage();
                yield new CompletionMessage(emptyToNull(completion.getHash()), results(completion.getItemsList()),
                        completion.hasStatus()
                                ? EnumFields.parse(ChainStatus.class, completion.getStatus(), "status")
                                : null,
                        completion.hasError() ? completion.getError() : null,
                        completion.hasAttempt() ? completion.getAttempt() : null);
            }
            case MESSAGE_NOT_SET -> throw new MalformedMessageException("",
                    "holds no message: a workchain.v1.Envelope needs work_message, notification_message or completion_message");
        };
    }

    static byte[] write(WorkchainMessage message) {
        Envelope.Builder envelope = Envelope.newBuilder();
        if (message instanceof WorkMessage work) {
            envelope.setWorkMessage(toProto(work));
        } else if (message instanceof NotificationMessage notification) {
            envelope.setNotificationMessage(io.workchain.proto.v1.NotificationMessage.newBuilder()
                    .setHash(nullToEmpty(notification.hash()))
                    .addAllItems(notification.items().stream().map(ProtobufMessageMapper::toProto).toList()));
        } else if (message instanceof CompletionMessage completion) {
            var builder = io.workchain.proto.v1.CompletionMessage.newBuilder()
                    .setHash(nullToEmpty(completion.hash()))
                    .addAllItems(completion.items().stream().map(ProtobufMessageMapper::toProto).toList());
            if (completion.status() != null) {
                builder.setStatus(completion.status().name());
            }
            if (completion.error() != null) {
                builder.setError(completion.error());
            }
            if (completion.attempt() != null) {
                builder.setAttempt(completion.attempt());
            }
            envelope.setCompletionMessage(builder);
        }
        return envelope.build().toByteArray();
    }

    public static WorkMessage fromProto(io.workchain.proto.v1.WorkMessage work) {
        List<WorkItem> items = new ArrayList<>();
        for (int i = 0; i < work.getItemsCount(); i++) {
            var item = work.getItems(i);
            items.add(new WorkItem(item.getOrder(),
                    item.hasRequest() ? fromProto(item.getRequest(), "items[" + i + "].request") : null,
                    item.hasResponse() ? fromProto(item.getResponse()) : null,
                    item.hasTimeoutMs() ? item.getTimeoutMs() : null));
        }
        // run_id has presence: an empty one is kept, and refused by the validator as the JSON one is.
        return new WorkMessage(emptyToNull(work.getHash()), items, work.hasTimeoutMs() ? work.getTimeoutMs() : null,
                work.hasRunId() ? work.getRunId() : null);
    }

    public static io.workchain.proto.v1.WorkMessage toProto(WorkMessage work) {
        var builder = io.workchain.proto.v1.WorkMessage.newBuilder().setHash(nullToEmpty(work.hash()));
        for (WorkItem item : work.items()) {
            var protoItem = io.workchain.proto.v1.WorkItem.newBuilder()
                    .setOrder(item.order())
                    .setRequest(toProto(item.request()));
            if (item.response() != null) {
                protoItem.setResponse(toProto(item.response()));
            }
            if (item.timeoutMs() != null) {
                protoItem.setTimeoutMs(item.timeoutMs());
            }
            builder.addItems(protoItem);
        }
        if (work.timeoutMs() != null) {
            builder.setTimeoutMs(work.timeoutMs());
        }
        if (work.runId() != null) {
            builder.setRunId(work.runId());
        }
        return builder.build();
    }

    /** Reads a request; {@code path} names it in errors ("items[0].request"). */
    public static Request fromProto(io.workchain.proto.v1.Request request, String path) {
        return new Request(emptyToNull(request.getUrl()), request.getEndpoint(),
                request.getType().isEmpty()
                        ? null
                        : EnumFields.parse(RequestType.class, request.getType(), path + ".type"),
                emptyToNull(request.getMethod()), request.hasPayload() ? request.getPayload() : null);
    }

    public static io.workchain.proto.v1.Request toProto(Request request) {
        var builder = io.workchain.proto.v1.Request.newBuilder()
                .setUrl(nullToEmpty(request.url()))
                .setEndpoint(nullToEmpty(request.endpoint()))
                .setType(request.type() == null ? "" : request.type().name())
                .setMethod(nullToEmpty(request.method()));
        if (request.payload() != null) {
            builder.setPayload(request.payload());
        }
        return builder.build();
    }

    public static Response fromProto(io.workchain.proto.v1.Response response) {
        return new Response(response.getError(), response.getOk(),
                response.hasData() ? response.getData() : null,
                response.hasMetadata() ? response.getMetadata() : null);
    }

    public static io.workchain.proto.v1.Response toProto(Response response) {
        var builder = io.workchain.proto.v1.Response.newBuilder().setError(response.error()).setOk(response.ok());
        if (response.data() != null) {
            builder.setData(response.data());
        }
        if (response.metadata() != null) {
            builder.setMetadata(response.metadata());
        }
        return builder.build();
    }

    private static List<ResultItem> results(List<io.workchain.proto.v1.ResultItem> items) {
        return items.stream().map(item -> new ResultItem(item.getOrder(),
                item.hasIndex() ? item.getIndex() : null,
                item.hasResponse() ? fromProto(item.getResponse()) : null)).toList();
    }

    private static io.workchain.proto.v1.ResultItem toProto(ResultItem item) {
        var builder = io.workchain.proto.v1.ResultItem.newBuilder().setOrder(item.order());
        if (item.index() != null) {
            builder.setIndex(item.index());
        }
        if (item.response() != null) {
            builder.setResponse(toProto(item.response()));
        }
        return builder.build();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
