package io.workchain.gateway.policy;

import io.workchain.common.gateway.FailureKind;
import io.workchain.common.gateway.InvocationOutcome;

/**
 * A call's outcome that counts as a failure of its target (a retryable answer, a timeout, no
 * connection), carried as an exception inside a route's guard only: the fault-tolerance library
 * retries and counts exceptions, not values. It never leaves the guard: the outcome comes back as
 * it was.
 */
final class FailedAttempt extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient InvocationOutcome outcome;

    FailedAttempt(InvocationOutcome outcome) {
        super(outcome.reason(), null, false, false); // no stack trace: it is a value, not an error
        this.outcome = outcome;
    }

    InvocationOutcome outcome() {
        return outcome;
    }

    /** Whether the outcome counts against the target: its retries and its circuit breaker see it. */
    static boolean counts(InvocationOutcome outcome) {
        FailureKind kind = outcome.kind();
        return kind == FailureKind.RETRYABLE || kind == FailureKind.TIMED_OUT || kind == FailureKind.UNREACHABLE;
    }
}
