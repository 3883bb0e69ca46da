package io.workchain.common.gateway;

/** What became of an invocation. */
public enum OutcomeStatus {
    /** 2xx other than 202: the response holds the service's answer. */
    COMPLETED,
    /** 202: the service took the work and will publish its own notification message. */
    ACCEPTED,
    /** No answer to use: see {@code retryable} and {@code reason}. */
    FAILED
}
