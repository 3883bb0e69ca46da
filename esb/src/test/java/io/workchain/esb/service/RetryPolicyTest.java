package io.workchain.esb.service;

import io.workchain.common.gateway.FailureKind;
import io.workchain.common.gateway.InvocationOutcome;
import io.workchain.common.message.Response;
import io.workchain.esb.client.GatewayUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 20, item 4: the retry decision is the failure's kind, not a flag and a status of 0. */
class RetryPolicyTest {

    @ParameterizedTest
    @CsvSource({
            "UNREACHABLE, OUTAGE",
            "CANCELLED, OUTAGE",
            "RETRYABLE, RETRY",
            "TIMED_OUT, RETRY",
            "REFUSED, DONE",
            "BAD_REQUEST, DONE",
            "FINAL, DONE",
            "TOO_LARGE, DONE",
    })
    void eachKindHasItsDecision(FailureKind kind, RetryPolicy expected) {
        assertEquals(expected, RetryPolicy.of(InvocationOutcome.failed(kind, "why", 0), null));
        assertEquals(expected, RetryPolicy.of(InvocationOutcome.failed(kind, "why", 503), null),
                "whatever the HTTP status");
    }

    @Test
    void everyKindIsDecided() {
        for (FailureKind kind : FailureKind.values()) {
            RetryPolicy policy = RetryPolicy.of(InvocationOutcome.failed(kind, "why", 0), null);
            assertEquals(kind.retryable(), policy != RetryPolicy.DONE,
                    kind + ": retried or waited out exactly when retryable");
        }
    }

    @Test
    void answersAndTransportFailures() {
        assertEquals(RetryPolicy.DONE,
                RetryPolicy.of(InvocationOutcome.completed(Response.success("{}", null), 200, null), null));
        assertEquals(RetryPolicy.DONE, RetryPolicy.of(InvocationOutcome.accepted(202), null));
        assertEquals(RetryPolicy.OUTAGE, RetryPolicy.of(null, new GatewayUnavailableException("down", null)));
        assertEquals(RetryPolicy.DONE, RetryPolicy.of(null, new IllegalStateException("a bug")));
    }
}
