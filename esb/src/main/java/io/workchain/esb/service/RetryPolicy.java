package io.workchain.esb.service;

import io.workchain.common.gateway.InvocationOutcome;
import io.workchain.common.gateway.OutcomeStatus;
import io.workchain.esb.client.GatewayUnavailableException;

/**
 * What to do after one attempt: keep the outcome, retry a service's retryable answer (a bounded
 * number of times), or wait out an outage (until the chain's deadline).
 */
enum RetryPolicy {
    /** The final outcome: COMPLETED, ACCEPTED, or a FAILED one that retrying cannot change. */
    DONE,
    /** The service answered with a retryable failure (408, 429, 5xx): retried up to max-retries. */
    RETRY,
    /** No answer at all (gateway down, target unreachable): an outage, waited out. */
    OUTAGE;

    static RetryPolicy of(InvocationOutcome outcome, Throwable error) {
        if (error != null) {
            return error instanceof GatewayUnavailableException ? OUTAGE : DONE;
        }
        if (outcome.status() != OutcomeStatus.FAILED || !outcome.retryable()) {
            return DONE;
        }
        return outcome.unreachable() ? OUTAGE : RETRY;
    }
}
