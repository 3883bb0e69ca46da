package io.workchain.common.gateway;

/** What became of an invocation. */
public enum OutcomeStatus {
    /** 2xx other than 202: the response holds the service's answer. */
    COMPLETED,
    /** 202: the service took the work and will publish its own notification message. */
    ACCEPTED,
    /** No answer to use: see {@code failure_kind} (and {@code retryable}, derived from it) and {@code reason}. */
    FAILED,
    /**
     * Nothing was sent: the item's route receives the whole work message and the invocation did not
     * carry it (or not in the route's format). {@code content_type} names the format the route
     * receives it in (JSON or protobuf); the caller sends the same invocation again with it.
     */
    NEEDS_WORK_MESSAGE
}
