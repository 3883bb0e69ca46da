package io.workchain.common.codec;

import io.workchain.common.message.MalformedMessageException;
import io.workchain.common.message.Request;
import io.workchain.common.message.WorkMessage;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A work message sent as a structured CloudEvent reads as the message in its data, whichever way the data is written. */
class StructuredCloudEventTest {

    private static final String CE_JSON = "application/cloudevents+json; charset=UTF-8";
    private static final WorkMessage WORK = WorkMessage.builder()
            .item(0, Request.http("demo", "/api/text/upper", "POST", "{\"text\":\"hi\"}")).build();

    @Test
    void dataAsJsonObject() {
        String event = envelope("\"datacontenttype\":\"application/json\",\"data\":" + MessageCodec.toJsonString(WORK));
        assertEquals(WORK, MessageCodec.decode(bytes(event), CE_JSON, WorkMessage.class));
    }

    @Test
    void dataAsJsonText() {
        String quoted = MessageCodec.toJsonString(WORK).replace("\\", "\\\\").replace("\"", "\\\"");
        assertEquals(WORK,
                MessageCodec.decode(bytes(envelope("\"data\":\"" + quoted + "\"")), CE_JSON, WorkMessage.class));
    }

    @Test
    void protobufDataInBase64() {
        String base64 = Base64.getEncoder().encodeToString(MessageCodec.encode(WORK, WireFormat.PROTOBUF));
        String event = envelope("\"datacontenttype\":\"application/x-protobuf\",\"data_base64\":\"" + base64 + "\"");
        assertEquals(WORK, MessageCodec.decode(bytes(event), CE_JSON, WorkMessage.class));
    }

    @Test
    void aRefusedMessageInsideAnEventIsStillIdentified() {
        String text = MessageCodec.toJsonString(WORK).replace("\"items\"", "\"timeout_ms\":-1,\"items\"");
        byte[] event = bytes(envelope("\"data\":" + text));
        assertThrows(MalformedMessageException.class, () -> MessageCodec.decode(event, CE_JSON));
        assertEquals(WORK.hash(), RefusedWork.identify(event, CE_JSON).orElseThrow().hash());
    }

    @Test
    void whatIsNoEventIsRefusedWithTheFieldAtFault() {
        assertEquals("data", refusal(envelope("\"id\":\"x\"")).field());
        assertEquals("specversion", refusal("{\"data\":{}}").field());
        assertEquals("data_base64", refusal(envelope("\"data_base64\":\"***\"")).field());
        assertEquals("datacontenttype",
                refusal(envelope("\"datacontenttype\":\"application/cloudevents+json\",\"data\":{}")).field());
        assertEquals("", refusal("[1,2]").field());
    }

    /** No text in an event's place stops the reader with anything but a refusal. */
    @Property(tries = 500)
    void anyTextIsReadOrRefused(@ForAll String data) {
        String event = envelope("\"data\":\"" + data.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        try {
            MessageCodec.decode(bytes(event), CE_JSON);
        } catch (MalformedMessageException expected) {
            // refused with a reason: what the consumer dead-letters
        }
    }

    private static MalformedMessageException refusal(String event) {
        return assertThrows(MalformedMessageException.class, () -> MessageCodec.decode(bytes(event), CE_JSON));
    }

    private static String envelope(String rest) {
        return "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/test\",\"type\":\"io.workchain.work\"," + rest
                + "}";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
