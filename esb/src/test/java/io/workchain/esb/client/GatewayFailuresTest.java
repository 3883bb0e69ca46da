package io.workchain.esb.client;

import io.grpc.Status;
import io.workchain.common.gateway.FailureKind;
import io.workchain.common.gateway.InvocationOutcome;
import io.workchain.common.gateway.OutcomeStatus;
import jakarta.ws.rs.WebApplicationException;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19, case 13: the gateway's RESOURCE_EXHAUSTED (an invocation over its message size) was
 * taken for an outage and the item held to its chain's deadline. Only unavailability is an outage;
 * the rest fails the item at once, with its kind.
 */
class GatewayFailuresTest {

    private static final Set<Status.Code> OUTAGES = EnumSet.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.CANCELLED, Status.Code.ABORTED, Status.Code.UNKNOWN, Status.Code.INTERNAL);

    @Test
    void everyGrpcCodeIsAnOutageOrAPermanentFailure() {
        for (Status.Code code : Status.Code.values()) {
            if (code == Status.Code.OK) {
                continue;
            }
            var result = GatewayFailures.ofGrpc(code.toStatus().withDescription("why").asRuntimeException())
                    .onFailure().recoverWithItem(error -> null).await().indefinitely();
            if (OUTAGES.contains(code)) {
                assertEquals(null, result, code + " is an outage (a failure the dispatcher waits out)");
            } else {
                assertPermanent(result, code.name());
            }
        }
        Throwable outage = GatewayFailures.ofGrpc(Status.UNAVAILABLE.asRuntimeException()).onItem()
                .transform(o -> (Throwable) null)
                .onFailure().recoverWithItem(error -> error).await().indefinitely();
        assertInstanceOf(GatewayUnavailableException.class, outage);
    }

    /** Issue 20, item 4: each permanent answer of the gateway's transport has its kind. */
    @Test
    void permanentAnswersNameTheirKind() {
        assertEquals(FailureKind.TOO_LARGE, grpc(Status.Code.RESOURCE_EXHAUSTED).kind());
        assertEquals(FailureKind.BAD_REQUEST, grpc(Status.Code.INVALID_ARGUMENT).kind());
        assertEquals(FailureKind.REFUSED, grpc(Status.Code.PERMISSION_DENIED).kind());
        assertEquals(FailureKind.FINAL, grpc(Status.Code.UNIMPLEMENTED).kind());
        assertEquals(FailureKind.TOO_LARGE,
                GatewayFailures.ofRest(new WebApplicationException(413)).await().indefinitely().kind());
        assertEquals(FailureKind.BAD_REQUEST,
                GatewayFailures.ofRest(new WebApplicationException(400)).await().indefinitely().kind());
        assertEquals(FailureKind.REFUSED,
                GatewayFailures.ofRest(new WebApplicationException(403)).await().indefinitely().kind());
        assertEquals(FailureKind.FINAL,
                GatewayFailures.ofRest(new WebApplicationException(404)).await().indefinitely().kind());
    }

    @Test
    void restClientErrorsAreOutagesButForPermanentAnswers() {
        assertPermanent(GatewayFailures.ofRest(new WebApplicationException(413)).await().indefinitely(), "HTTP 413");
        assertPermanent(GatewayFailures.ofRest(new WebApplicationException(400)).await().indefinitely(), "HTTP 400");
        for (int code : new int[]{408, 429, 500, 502, 503}) {
            Throwable error = GatewayFailures.ofRest(new WebApplicationException(code)).onItem()
                    .transform(o -> (Throwable) null)
                    .onFailure().recoverWithItem(e -> e).await().indefinitely();
            assertInstanceOf(GatewayUnavailableException.class, error, "HTTP " + code);
        }
    }

    private static InvocationOutcome grpc(Status.Code code) {
        return GatewayFailures.ofGrpc(code.toStatus().withDescription("why").asRuntimeException()).await()
                .indefinitely();
    }

    private static void assertPermanent(InvocationOutcome outcome, String says) {
        assertEquals(OutcomeStatus.FAILED, outcome.status());
        assertFalse(outcome.retryable(), "not retried");
        assertFalse(outcome.unreachable(), "not an outage");
        assertTrue(outcome.reason().contains(says), outcome.reason());
    }
}
