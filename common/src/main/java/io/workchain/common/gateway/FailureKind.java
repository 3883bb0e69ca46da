package io.workchain.common.gateway;

import java.util.Locale;

/**
 * Why an invocation FAILED, as a type: before it, an outage was "retryable with HTTP status 0",
 * permanence a boolean and the rest a reason's prefix, so every reader had to know the convention.
 * The gateway names the kind where it builds the outcome; the ESB decides by it (retry, wait out,
 * or done) and writes it into the item's failure metadata. Kept small: a new kind is a new decision
 * somewhere, not a new wording.
 */
public enum FailureKind {
    /** The gateway's policy does not allow the target (no route, not allow-listed, a forbidden address): nothing was sent. */
    REFUSED(false),
    /** The invocation itself is invalid (a missing field, an unknown method, a bad placeholder): nothing was sent. */
    BAD_REQUEST(false),
    /** No connection to the target (refused, reset, name not resolved, broker down): an outage, waited out. */
    UNREACHABLE(true),
    /**
     * The service answered with a failure that may pass (5xx, 429, 408, a broker's transient
     * refusal): retried a bounded number of times.
     */
    RETRYABLE(true),
    /**
     * The service answered with a permanent failure (another 4xx, unroutable, login refused), or
     * the call failed in a way no retry changes.
     */
    FINAL(false),
    /** The request or the answer exceeds a limit (max-response-bytes, a message size, a 413). */
    TOO_LARGE(false),
    /** No answer within the call timeout: retried like RETRYABLE. */
    TIMED_OUT(true),
    /**
     * The gateway gave the call up before an answer (it is stopping), or did not send it (the
     * route's policy held it back: calls in flight, calls per second, an open circuit): its
     * unavailability, waited out like an outage.
     */
    CANCELLED(true);

    private final boolean retryable;

    FailureKind(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether trying the same invocation again may help: the wire's {@code retryable} field. */
    public boolean retryable() {
        return retryable;
    }

    /** The kind as failure metadata and metric tags spell it: {@code unreachable}, {@code too_large}... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind a name spells (any case), or null for none or a kind this version does not know. */
    public static FailureKind fromName(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The kind of a FAILED outcome from a gateway that does not name one (before kinds existed):
     * retryable with no HTTP status was an outage, retryable otherwise a service's retryable
     * answer, the rest permanent.
     */
    public static FailureKind fromLegacy(boolean retryable, int httpStatus) {
        if (!retryable) {
            return FINAL;
        }
        return httpStatus == 0 ? UNREACHABLE : RETRYABLE;
    }
}
