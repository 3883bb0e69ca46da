package io.workchain.common.fuzz;

import io.workchain.common.codec.MessageCodec;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.hash.ChainHash;
import io.workchain.common.limits.Limits;
import io.workchain.common.limits.Reasons;
import io.workchain.common.message.MalformedMessageException;
import io.workchain.common.message.Request;
import io.workchain.common.message.WorkMessage;
import io.workchain.common.message.WorkchainMessage;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whatever bytes a record holds, reading it either yields a valid message or fails with a
 * {@link MalformedMessageException} whose reason is bounded: never another exception (which would
 * be a bug one record could trigger in every consumer), never a reason that echoes the input.
 */
class CodecFuzzTest {

    private static final String VALID = "{\"work_message\":{\"items\":[{\"order\":0,\"request\":{\"url\":\"demo\","
            + "\"endpoint\":\"/api/text/upper\",\"type\":\"HTTP\",\"method\":\"POST\",\"payload\":\"{\\\"text\\\":\\\"hi\\\"}\"}},"
            + "{\"order\":1,\"request\":{\"url\":\"demo\",\"endpoint\":\"/b\",\"type\":\"HTTP\",\"method\":\"GET\"}}]}}";

    @Property(tries = 2000)
    void randomBytesAreReadOrRefusedWithABoundedReason(@ForAll @Size(max = 512) byte[] bytes,
            @ForAll("contentTypes") String contentType) {
        readOrRefuse(bytes, contentType);
    }

    @Property(tries = 3000)
    void mutatedValidMessagesAreReadOrRefusedWithABoundedReason(@ForAll("mutations") String text) {
        readOrRefuse(text.getBytes(StandardCharsets.UTF_8), null);
    }

    @Property(tries = 200)
    void deepNestingIsRefused(@ForAll @IntRange(min = Limits.MAX_JSON_DEPTH + 1, max = 50_000) int depth) {
        String deep = "{\"work_message\":{\"x\":" + "[".repeat(depth) + "]".repeat(depth) + ",\"items\":[]}}";
        MalformedMessageException refused = org.junit.jupiter.api.Assertions.assertThrows(
                MalformedMessageException.class,
                () -> MessageCodec.decode(deep.getBytes(StandardCharsets.UTF_8), null));
        assertTrue(refused.getMessage().contains("too large or too deep"), refused.getMessage());
    }

    @Property(tries = 50)
    void tooManyItemsAreRefused(@ForAll @IntRange(min = Limits.MAX_ITEMS + 1, max = 400) int count) {
        WorkMessage.Builder builder = WorkMessage.builder();
        MalformedMessageException refused = org.junit.jupiter.api.Assertions.assertThrows(
                MalformedMessageException.class,
                () -> {
                    for (int i = 0; i < count; i++) {
                        builder.item(i, Request.http("demo", "/x", "GET", null));
                    }
                    builder.build();
                });
        assertEquals("items has " + count + " items, over the limit of " + Limits.MAX_ITEMS, refused.getMessage());
    }

    @Property(tries = 20)
    void anOversizedPayloadIsRefusedByName(@ForAll @IntRange(min = 1, max = 10_000) int extra) {
        String payload = "x".repeat(Limits.MAX_PAYLOAD_CHARS + extra);
        MalformedMessageException refused = org.junit.jupiter.api.Assertions.assertThrows(
                MalformedMessageException.class,
                () -> WorkMessage.builder().item(0, Request.http("demo", "/x", "POST", payload)).build());
        assertEquals("items[0].request.payload", refused.field());
    }

    @Property(tries = 200)
    void reasonsAreCutToTheirLimit(@ForAll @Size(max = 5000) String text) {
        String bounded = Reasons.bounded(text);
        assertTrue(bounded.length() <= Limits.MAX_REASON_CHARS, () -> "length " + bounded.length());
        if (text.length() <= Limits.MAX_REASON_CHARS) {
            assertEquals(text, bounded);
        }
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of(null, WireFormat.JSON.contentType(), WireFormat.PROTOBUF.contentType(), "text/plain");
    }

    /** The valid message with characters replaced, inserted or deleted, numbers blown up, fields cut. */
    @Provide
    Arbitrary<String> mutations() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, VALID.length() - 1);
        Arbitrary<String> junk = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(8),
                Arbitraries.of("99999999999999999999", "-1", "1e400", "null", "[]", "{}", "\"\"", ",", "\\u0000",
                        "{{item:99999999999}}", "2147483648", "\"x\":" + "1".repeat(200)));
        return Arbitraries.lazyOf(
                () -> position.flatMap(at -> junk.map(j -> VALID.substring(0, at) + j + VALID.substring(at))),
                () -> position.flatMap(at -> junk.map(j -> VALID.substring(0, at) + j
                        + VALID.substring(Math.min(VALID.length(), at + j.length())))),
                () -> position.flatMap(at -> position.map(to -> VALID.substring(0, Math.min(at, to))
                        + VALID.substring(Math.max(at, to)))));
    }

    private static void readOrRefuse(byte[] bytes, String contentType) {
        try {
            WorkchainMessage message = MessageCodec.decode(bytes, contentType);
            if (message instanceof WorkMessage work) {
                ChainHash.ensure(work); // a readable work message also has a hash to check
            }
        } catch (MalformedMessageException e) {
            assertTrue(e.getMessage().length() <= 2 * Limits.MAX_REASON_CHARS,
                    () -> "a reason of " + e.getMessage().length() + " characters");
        }
    }
}
