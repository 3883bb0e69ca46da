package io.workchain.esb.service;

import io.workchain.common.gateway.InvocationOutcome;

/** A FAILED outcome marked retryable, raised so Mutiny's retry with backoff applies to it. */
class RetryableOutcomeException extends RuntimeException {

    private final transient InvocationOutcome outcome;

    RetryableOutcomeException(InvocationOutcome outcome) {
        super(outcome.reason(), null, false, false);
        this.outcome = outcome;
    }

    InvocationOutcome outcome() {
        return outcome;
    }
}
