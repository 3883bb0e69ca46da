package io.workchain.common.codec;

import io.workchain.common.Samples;
import io.workchain.common.message.WorkchainMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RoundTripTest {

    static Stream<WorkchainMessage> messages() {
        return Stream.of(Samples.work(), Samples.workInProgress(), Samples.workRunAgain(), Samples.notification(),
                Samples.completion());
    }

    @ParameterizedTest
    @MethodSource("messages")
    void jsonToProtobufAndBackKeepsEveryField(WorkchainMessage original) {
        byte[] json = MessageCodec.encode(original, WireFormat.JSON);
        WorkchainMessage fromJson = MessageCodec.decode(json, WireFormat.JSON.contentType());
        byte[] protobuf = MessageCodec.encode(fromJson, WireFormat.PROTOBUF);
        WorkchainMessage fromProtobuf = MessageCodec.decode(protobuf, WireFormat.PROTOBUF.contentType());

        assertEquals(original, fromJson);
        assertEquals(original, fromProtobuf);
        assertArrayEquals(json, MessageCodec.encode(fromProtobuf, WireFormat.JSON));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void formatIsSniffedWithoutContentType(WorkchainMessage original) {
        assertEquals(original, MessageCodec.decode(MessageCodec.encode(original, WireFormat.JSON), null));
        assertEquals(original, MessageCodec.decode(MessageCodec.encode(original, WireFormat.PROTOBUF), null));
    }
}
