package io.workchain.common.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.workchain.common.message.MalformedMessageException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * A message sent as a CloudEvent in structured mode ({@code content-type:
 * application/cloudevents+json}): the event is a JSON envelope whose {@code data} (a JSON value)
 * or {@code data_base64} (protobuf, say) holds the message. Binary mode needs nothing here: its
 * value is the message itself and its attributes are {@code ce_*} headers.
 */
final class StructuredCloudEvent {

    static final String CONTENT_TYPE = "application/cloudevents+json";

    private StructuredCloudEvent() {}

    /** The message inside an event, and the content type the event gives it (null: sniff it). */
    record Data(byte[] bytes, String contentType) {}

    static boolean isStructured(String contentType) {
        return contentType != null
                && contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals(CONTENT_TYPE);
    }

    /** The data of a structured event; throws {@link MalformedMessageException} when it is no such event. */
    static Data unwrap(byte[] bytes) {
        JsonNode event;
        try {
            event = JsonMessageReader.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new MalformedMessageException("", "is not a structured CloudEvent (content-type " + CONTENT_TYPE
                    + "): not JSON");
        }
        if (event == null || !event.isObject()) {
            throw new MalformedMessageException("", "is not a structured CloudEvent: not a JSON object");
        }
        JsonNode version = event.get("specversion");
        if (version == null || !version.isTextual() || !version.textValue().startsWith("1.")) {
            throw new MalformedMessageException("specversion", "must be \"1.0\" in a structured CloudEvent");
        }
        JsonNode type = event.get("datacontenttype");
        String contentType = type != null && type.isTextual() ? type.textValue() : null;
        if (isStructured(contentType)) {
            // One envelope only: events nested in events would be read level by level, without end.
            throw new MalformedMessageException("datacontenttype", "may not be another structured CloudEvent");
        }
        JsonNode base64 = event.get("data_base64");
        if (base64 != null && !base64.isNull()) {
            if (!base64.isTextual()) {
                throw new MalformedMessageException("data_base64", "must be a base64 string");
            }
            try {
                return new Data(Base64.getDecoder().decode(base64.textValue()), contentType);
            } catch (IllegalArgumentException e) {
                throw new MalformedMessageException("data_base64", "is not valid base64");
            }
        }
        JsonNode data = event.get("data");
        if (data == null || data.isNull()) {
            throw new MalformedMessageException("data", "is missing: the CloudEvent carries no message");
        }
        if (data.isTextual()) {
            return new Data(data.textValue().getBytes(StandardCharsets.UTF_8), contentType);
        }
        try {
            return new Data(JsonMessageReader.MAPPER.writeValueAsBytes(data), WireFormat.JSON.contentType());
        } catch (IOException e) {
            throw new MalformedMessageException("data", "could not be read: " + e.getMessage());
        }
    }
}
