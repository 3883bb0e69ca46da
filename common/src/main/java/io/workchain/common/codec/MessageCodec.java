package io.workchain.common.codec;

import io.workchain.common.limits.MessageLimits;
import io.workchain.common.message.MalformedMessageException;
import io.workchain.common.message.MessageValidator;
import io.workchain.common.message.WorkchainMessage;

import java.nio.charset.StandardCharsets;

/**
 * The one entry point for reading and writing messages: {@link #decode} takes a record's bytes and
 * its content-type header (sniffing the format when there is none) and returns a validated
 * message, or throws {@link MalformedMessageException} naming the field and the problem. A message
 * sent as a structured CloudEvent ({@code application/cloudevents+json}) is read from its data.
 */
public final class MessageCodec {

    private MessageCodec() {}

    public static WorkchainMessage decode(byte[] bytes, String contentType) {
        return decode(bytes, contentType, MessageLimits.DEFAULTS);
    }

    /** Decodes and checks the message against {@code limits} (items, payload and response sizes). */
    public static WorkchainMessage decode(byte[] bytes, String contentType, MessageLimits limits) {
        if (bytes == null || bytes.length == 0) {
            throw new MalformedMessageException("", "is empty: a record needs a value");
        }
        if (StructuredCloudEvent.isStructured(contentType)) {
            StructuredCloudEvent.Data data = StructuredCloudEvent.unwrap(bytes);
            return decode(data.bytes(), data.contentType(), limits);
        }
        WireFormat format = WireFormat.fromContentType(contentType)
                .or(() -> WireFormat.sniff(bytes))
                .orElseThrow(() -> new MalformedMessageException("", "is neither JSON nor protobuf: starts with "
                        + preview(bytes)));
        WorkchainMessage message = format == WireFormat.JSON
                ? JsonMessageReader.read(bytes)
                : ProtobufMessageMapper.read(bytes);
        MessageValidator.validate(message, limits);
        return message;
    }

    /** Decodes a message of one kind: a work message where a work message is due, say. */
    public static <T extends WorkchainMessage> T decode(byte[] bytes, String contentType, Class<T> expected) {
        return decode(bytes, contentType, expected, MessageLimits.DEFAULTS);
    }

    public static <T extends WorkchainMessage> T decode(byte[] bytes, String contentType, Class<T> expected,
            MessageLimits limits) {
        WorkchainMessage message = decode(bytes, contentType, limits);
        if (!expected.isInstance(message)) {
            throw new MalformedMessageException("",
                    "is a " + kind(message.getClass()) + ", expected a " + kind(expected));
        }
        return expected.cast(message);
    }

    /**
     * The JSON tree of a message, to embed in a larger document (a chain's stored state) without
     * writing it out and reading it back.
     */
    public static com.fasterxml.jackson.databind.node.ObjectNode toTree(WorkchainMessage message) {
        return JsonMessageWriter.toTree(message);
    }

    /**
     * A message from a JSON tree this system wrote itself (a chain's stored state): read as any
     * message, types checked field by field, but not validated again against the limits.
     */
    public static <T extends WorkchainMessage> T fromOwnTree(com.fasterxml.jackson.databind.JsonNode tree,
            Class<T> expected) {
        WorkchainMessage message = JsonMessageReader.read(tree);
        if (!expected.isInstance(message)) {
            throw new MalformedMessageException("",
                    "is a " + kind(message.getClass()) + ", expected a " + kind(expected));
        }
        return expected.cast(message);
    }

    public static byte[] encode(WorkchainMessage message, WireFormat format) {
        return format == WireFormat.JSON ? JsonMessageWriter.write(message) : ProtobufMessageMapper.write(message);
    }

    public static byte[] toJson(WorkchainMessage message) {
        return encode(message, WireFormat.JSON);
    }

    public static String toJsonString(WorkchainMessage message) {
        return new String(toJson(message), StandardCharsets.UTF_8);
    }

    private static String kind(Class<?> type) {
        return switch (type.getSimpleName()) {
            case "WorkMessage" -> "work_message";
            case "NotificationMessage" -> "notification_message";
            case "CompletionMessage" -> "completion_message";
            default -> type.getSimpleName();
        };
    }

    private static String preview(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(8, bytes.length); i++) {
            hex.append(String.format("%02x ", bytes[i]));
        }
        return "bytes " + hex.toString().trim();
    }
}
