package io.workchain.common.codec;

import io.workchain.common.hash.ChainHash;
import io.workchain.common.message.ChainStatus;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.Request;
import io.workchain.common.message.Response;
import io.workchain.common.message.ResultItem;
import io.workchain.common.message.WorkMessage;
import io.workchain.common.message.WorkchainMessage;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A message in protobuf is never larger than in JSON: the services check that what they write fits
 * a record by its JSON size (the notifier's fold, say), and that check then covers the topics in
 * protobuf too ({@code workchain.wire-format}).
 */
class ProtobufSizeTest {

    @Property(tries = 500)
    void aMessageInProtobufIsNoLargerThanInJson(@ForAll("texts") String payload, @ForAll("texts") String data,
            @ForAll("texts") String metadata, @ForAll("texts") String endpoint,
            @ForAll @IntRange(min = 0, max = 1_000_000) int order,
            @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long timeoutMs,
            @ForAll boolean failed) {
        Response response = failed ? Response.failure(data, metadata) : Response.success(data, metadata);
        WorkMessage work = ChainHash.ensure(WorkMessage.builder()
                .item(order, Request.http("http://demo-service:8080", endpoint, "POST", payload))
                .item(order + 1, Request.kafka("audit", "audit.events", payload))
                .build().withTimeout(timeoutMs));
        WorkMessage answered = work.withResponse(0, response);
        List<ResultItem> items = List.of(new ResultItem(order, 0, response), new ResultItem(order + 1, 1, response));

        assertNoLargerInProtobuf(work);
        assertNoLargerInProtobuf(answered);
        assertNoLargerInProtobuf(NotificationMessage.of(work.hash(), order, 0, response));
        assertNoLargerInProtobuf(
                new CompletionMessage(work.hash(), items, failed ? ChainStatus.FAILED : ChainStatus.COMPLETED,
                        failed ? data : null));
    }

    /**
     * Any well-formed text: ASCII, JSON's escapes, controls, every plane (surrogates in pairs only:
     * protobuf writes a lone one as '?' and logs it, which is not what this test is about).
     */
    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> outsideSurrogates = Arbitraries.strings().withCharRange('\u0000', '\ud7ff')
                .withCharRange('\ue000', '\uffff').ofMaxLength(200);
        Arbitrary<String> supplementary = Arbitraries.integers().between(0x10000, Character.MAX_CODE_POINT)
                .map(Character::toString).list().ofMaxSize(50).map(points -> String.join("", points));
        return Arbitraries.oneOf(outsideSurrogates, supplementary, Arbitraries.strings().ascii().ofMaxLength(200),
                Arbitraries.of("", "{\"text\":\"hi\"}", "  {  \"a\" :  [ 1 , 2 ]  }  ", "\u0000\u001f\"\\", "é中🙂"));
    }

    private static void assertNoLargerInProtobuf(WorkchainMessage message) {
        int json = MessageCodec.toJson(message).length;
        int protobuf = MessageCodec.encode(message, WireFormat.PROTOBUF).length;
        assertTrue(protobuf <= json, () -> "protobuf " + protobuf + " bytes, JSON " + json + ": " + message);
    }
}
