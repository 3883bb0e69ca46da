package io.workchain.common.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.message.Request;
import io.workchain.proto.v1.InvokeOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The gateway's outcome and invocation on both wires (gRPC's protobuf, REST's JSON): a failure's
 * kind, its derived retryable flag, the NEEDS_WORK_MESSAGE format and the chain in either format
 * arrive as sent; an outcome from a gateway that predates kinds is read by its retryable flag.
 */
class GatewayWireTest {

    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(FailureKind.class)
    void everyKindSurvivesProtobufAndJson(FailureKind kind) throws Exception {
        InvocationOutcome outcome = InvocationOutcome.failed(kind, "why", 503);

        assertEquals(outcome, GatewayProtoMapper.fromProto(GatewayProtoMapper.toProto(outcome)));
        String text = json.writeValueAsString(outcome);
        JsonNode tree = json.readTree(text);
        assertEquals(kind.name(), tree.get("failure_kind").asText());
        assertEquals(kind.retryable(), tree.get("retryable").asBoolean(), "kept on the REST wire for older callers");
        assertEquals(outcome, json.readValue(text, InvocationOutcome.class));
        assertEquals(kind.retryable(), GatewayProtoMapper.toProto(outcome).getRetryable());
    }

    @Test
    void onlyOutageRetryAndTimeoutKindsAreRetryable() {
        for (FailureKind kind : FailureKind.values()) {
            boolean expected = kind == FailureKind.UNREACHABLE || kind == FailureKind.RETRYABLE
                    || kind == FailureKind.TIMED_OUT || kind == FailureKind.CANCELLED;
            assertEquals(expected, InvocationOutcome.failed(kind, "x", 0).retryable(), kind.name());
        }
    }

    @Test
    void anOutcomeWithoutAKindIsReadByItsRetryableFlag() throws Exception {
        InvokeOutcome legacyOutage = InvokeOutcome.newBuilder().setStatus(InvokeOutcome.Status.FAILED)
                .setRetryable(true).build();
        InvokeOutcome legacyRetry = legacyOutage.toBuilder().setHttpStatus(503).build();
        InvokeOutcome legacyFinal = legacyOutage.toBuilder().setRetryable(false).setHttpStatus(404).build();
        assertEquals(FailureKind.UNREACHABLE, GatewayProtoMapper.fromProto(legacyOutage).kind());
        assertEquals(FailureKind.RETRYABLE, GatewayProtoMapper.fromProto(legacyRetry).kind());
        assertEquals(FailureKind.FINAL, GatewayProtoMapper.fromProto(legacyFinal).kind());

        assertEquals(FailureKind.UNREACHABLE, json.readValue(
                "{\"status\":\"FAILED\",\"retryable\":true,\"http_status\":0}", InvocationOutcome.class).kind());
        assertEquals(FailureKind.RETRYABLE, json.readValue(
                "{\"status\":\"FAILED\",\"retryable\":true,\"http_status\":429,\"failure_kind\":\"A_KIND_OF_LATER\"}",
                InvocationOutcome.class).kind());
    }

    @Test
    void onlyFailuresHaveAKind() throws Exception {
        InvocationOutcome accepted = InvocationOutcome.accepted(202);
        assertNull(accepted.kind());
        assertFalse(json.readTree(json.writeValueAsString(accepted)).has("failure_kind"));
        assertEquals(InvokeOutcome.FailureKind.FAILURE_KIND_UNSPECIFIED,
                GatewayProtoMapper.toProto(accepted).getFailureKind());
        assertEquals(accepted, GatewayProtoMapper.fromProto(GatewayProtoMapper.toProto(accepted)));
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void needsWorkMessageNamesTheFormatOnBothWires(WireFormat format) throws Exception {
        InvocationOutcome needs = InvocationOutcome.needsWorkMessage(format,
                "route 'r' receives the whole work message");

        InvocationOutcome overGrpc = GatewayProtoMapper.fromProto(GatewayProtoMapper.toProto(needs));
        InvocationOutcome overRest = json.readValue(json.writeValueAsString(needs), InvocationOutcome.class);
        assertEquals(format, overGrpc.workMessageFormat().orElseThrow());
        assertEquals(format, overRest.workMessageFormat().orElseThrow());
        assertFalse(overRest.retryable());
    }

    @Test
    void theChainTravelsInEitherFormat() throws Exception {
        Invocation bare = new Invocation("h", 1, 2, Request.http("chain-route", "/a", "POST", "{}"), null, null);
        byte[] envelope = {0x0a, 0x01, 0x02, (byte) 0xff};
        Invocation asProtobuf = bare.withWorkMessageProtobuf(envelope);
        Invocation asJson = bare.withWorkMessage("{\"work_message\":{}}");

        assertEquals(asProtobuf, GatewayProtoMapper.fromProto(GatewayProtoMapper.toProto(asProtobuf)));
        assertEquals(asJson, GatewayProtoMapper.fromProto(GatewayProtoMapper.toProto(asJson)));
        assertEquals(bare, GatewayProtoMapper.fromProto(GatewayProtoMapper.toProto(bare)));
        JsonNode tree = json.readTree(json.writeValueAsString(asProtobuf));
        assertEquals(Base64.getEncoder().encodeToString(envelope), tree.get("work_message_protobuf").asText(),
                "base64 in JSON");
        assertFalse(tree.has("work_message"), "one format at a time");
        assertArrayEquals(envelope,
                json.readValue(json.writeValueAsBytes(asProtobuf), Invocation.class).workMessageProtobuf());
        assertFalse(json.readTree(json.writeValueAsString(bare)).has("work_message_protobuf"), "no chain, no field");
        assertEquals("{\"work_message\":{}}",
                new String(json.readValue(json.writeValueAsBytes(asJson), Invocation.class)
                        .workMessage().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }

    @Test
    void theItemsDeadlineTravelsOnBothWiresAndIsLeftOutWhenUnknown() throws Exception {
        Invocation bare = new Invocation("h", 1, 2, Request.http("r", "/a", "POST", "{}"), null, null);
        Invocation timed = bare.withDeadline(1_700_000_000_123L).withWorkMessage("{}");

        assertEquals(timed, GatewayProtoMapper.fromProto(GatewayProtoMapper.toProto(timed)));
        assertEquals(timed, json.readValue(json.writeValueAsBytes(timed), Invocation.class));
        assertEquals(1_700_000_000_123L, json.readTree(json.writeValueAsString(timed)).get("deadline").asLong());
        assertNull(GatewayProtoMapper.fromProto(GatewayProtoMapper.toProto(bare)).deadline());
        assertFalse(json.readTree(json.writeValueAsString(bare)).has("deadline"));
    }
}
