package io.workchain.esb.kafka;

import io.workchain.common.codec.MessageCodec;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.limits.Limits;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.Response;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every notification the ESB writes fits a record, by construction. */
class NotificationPublisherTest {

    private static final String HASH = "4e753d52b4d53d42f2a19fa9a7297e23";

    @Test
    void aNotificationThatFitsIsWrittenAsItIs() {
        NotificationMessage small = NotificationMessage.of(HASH, 0, 0, Response.success("{\"text\":\"HI\"}", null));
        assertArrayEquals(MessageCodec.toJson(small),
                NotificationPublisher.fit(small, Limits.MAX_RECORD_BYTES, WireFormat.JSON));
    }

    @Test
    void withTheTopicsInProtobufANotificationIsWrittenInProtobuf() {
        NotificationMessage small = NotificationMessage.of(HASH, 1, 2, Response.success("{\"text\":\"HI\"}", null));
        byte[] written = NotificationPublisher.fit(small, Limits.MAX_RECORD_BYTES, WireFormat.PROTOBUF);
        assertEquals(WireFormat.PROTOBUF, WireFormat.sniff(written).orElseThrow());
        assertEquals(small, MessageCodec.decode(written, WireFormat.PROTOBUF.contentType(), NotificationMessage.class));
    }

    @Test
    void aTooLargeAnswerFailsItsItemInProtobufToo() {
        NotificationMessage large = NotificationMessage.of(HASH, 2, 3,
                Response.success("x".repeat(Limits.MAX_RESPONSE_BYTES), null));
        byte[] written = NotificationPublisher.fit(large, 100_000, WireFormat.PROTOBUF);
        assertTrue(written.length < 2_000, "a bounded failure: " + written.length + " bytes");
        NotificationMessage failure = MessageCodec.decode(written, WireFormat.PROTOBUF.contentType(),
                NotificationMessage.class);
        assertTrue(failure.items().get(0).response().failed());
        assertTrue(failure.items().get(0).response().data().startsWith("the answer is too large to pass on"));
        assertTrue(failure.items().get(0).response().metadata().contains("\"kind\":\"too_large\""),
                failure.items().get(0).response().metadata());
    }

    @Test
    void anAnswerThatWouldOutgrowARecordOnceEscapedFailsItsItemInstead() {
        // 256 KiB of control characters: within the response limit, but six times larger as JSON.
        String data = "\u0001".repeat(Limits.MAX_RESPONSE_BYTES);
        NotificationMessage large = NotificationMessage.of(HASH, 2, 3, Response.success(data, null));
        assertTrue(MessageCodec.toJson(large).length > Limits.MAX_RECORD_BYTES);

        byte[] written = NotificationPublisher.fit(large, Limits.MAX_RECORD_BYTES, WireFormat.JSON);

        assertTrue(written.length < 2_000, "a bounded failure: " + written.length + " bytes");
        NotificationMessage failure = MessageCodec.decode(written, null, NotificationMessage.class);
        assertEquals(3, failure.items().get(0).index());
        assertTrue(failure.items().get(0).response().failed());
        assertTrue(failure.items().get(0).response().data().startsWith("the answer is too large to pass on"));
    }
}
