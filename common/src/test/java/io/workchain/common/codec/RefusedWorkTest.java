package io.workchain.common.codec;

import io.workchain.common.hash.ChainHash;
import io.workchain.common.message.MalformedMessageException;
import io.workchain.common.message.Request;
import io.workchain.common.message.WorkMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who a refused work message belongs to: its given hash, or the hash of its items (and run id) as written. */
class RefusedWorkTest {

    private static final WorkMessage VALID = WorkMessage.builder()
            .item(0, Request.http("demo", "/api/text/upper", "post", "{\"text\":\"hi\"}"))
            .item(1, Request.http("demo", "/api/text/count", "GET", null))
            .build();

    @Test
    void aMessageRefusedForSomethingOutsideItsItemsHasTheHashItsItemsGive() {
        String text = MessageCodec.toJsonString(VALID.withHash(null))
                .replace("\"items\"", "\"timeout_ms\":-5,\"items\"")
                .replace("\"POST\"", "\"post\"").replace("\"HTTP\"", "\"http\"");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThrows(MalformedMessageException.class, () -> MessageCodec.decode(bytes, null));

        RefusedWork.Identity identity = RefusedWork.identify(bytes, null).orElseThrow();

        assertEquals(VALID.hash(), identity.hash(), "the same hash a valid message with these items has");
        assertEquals(List.of(0, 1), identity.orders());
    }

    @Test
    void aRefusedRunIsAnsweredOnTheHashItsRunIdGives() {
        WorkMessage run = ChainHash.ensure(VALID.withRunId("second"));
        String text = MessageCodec.toJsonString(run.withHash(null)).replace("\"items\"", "\"timeout_ms\":-5,\"items\"");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThrows(MalformedMessageException.class, () -> MessageCodec.decode(bytes, null));

        assertEquals(run.hash(), RefusedWork.identify(bytes, null).orElseThrow().hash());
        // A run id no client could have hashed as text names no chain.
        byte[] numbered = text.replace("\"second\"", "2").getBytes(StandardCharsets.UTF_8);
        assertTrue(RefusedWork.identify(numbered, null).isEmpty());
    }

    @Test
    void aGivenHashIsTakenAsItIs() {
        String text = "{\"work_message\":{\"hash\":\"0123456789abcdef0123456789abcdef\",\"items\":[{\"order\":0,\"request\":{\"url\":\"x\"}},]}}";
        assertEquals("0123456789abcdef0123456789abcdef",
                RefusedWork.identify(text.getBytes(StandardCharsets.UTF_8), "application/json").orElseThrow().hash());
    }

    @Test
    void aHashThatIsNoMd5IsReplacedByTheHashOfTheItems() {
        String text = MessageCodec.toJsonString(VALID).replace(VALID.hash(), "MD5CheckSum");
        assertEquals(VALID.hash(),
                RefusedWork.identify(text.getBytes(StandardCharsets.UTF_8), null).orElseThrow().hash());
    }

    @Test
    void nothingToGoByIsNoIdentity() {
        for (String text : List.of("not json", "{\"notification_message\":{}}",
                "{\"work_message\":{\"hash\":\"MD5CheckSum\",\"items\":[]}}",
                "{\"work_message\":{\"hash\":\"MD5CheckSum\"}}",
                "{\"work_message\":{\"items\":[{\"order\":\"zero\",\"request\":{}}]}}",
                "{\"work_message\":{\"items\":[{\"order\":0,\"request\":{\"url\":7}}]}}")) {
            assertTrue(RefusedWork.identify(text.getBytes(StandardCharsets.UTF_8), null).isEmpty(), text);
        }
        assertTrue(RefusedWork.identify(new byte[]{8, 1}, "application/x-protobuf").isEmpty());
    }
}
