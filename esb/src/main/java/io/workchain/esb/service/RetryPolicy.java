package io.workchain.esb.service;

import io.workchain.common.gateway.InvocationOutcome;
import io.workchain.common.gateway.OutcomeStatus;
import io.workchain.esb.client.GatewayUnavailableException;

/**
 * What to do after one attempt, decided by the failure's kind alone: keep the outcome, retry a
 * service's retryable answer (a bounded number of times), or wait out an outage (until the
 * item's deadline).
 */
enum RetryPolicy {
    /** The final outcome: COMPLETED, ACCEPTED, or a FAILED one that retrying cannot change. */
    DONE,
    /** The service answered with a retryable failure or not in time (RETRYABLE, TIMED_OUT): retried up to max-retries. */
    RETRY,
    /** No answer at all (gateway unavailable, target UNREACHABLE, the gateway CANCELLED the call): waited out. */
    OUTAGE;

    static RetryPolicy of(InvocationOutcome outcome, Throwable error) {
        if (error != null) {
            return error instanceof GatewayUnavailableException ? OUTAGE : DONE;
        }
        if (outcome.status() != OutcomeStatus.FAILED) {
            return DONE;
        }
        return switch (outcome.kind()) {
            case UNREACHABLE, CANCELLED -> OUTAGE;
            case RETRYABLE, TIMED_OUT -> RETRY;
            case REFUSED, BAD_REQUEST, FINAL, TOO_LARGE -> DONE;
        };
    }
}
