package io.workchain.esb.service;

import io.workchain.common.limits.Reasons;

/** A payload placeholder that cannot be resolved: the item fails, without being called. */
public class PlaceholderException extends RuntimeException {

    public PlaceholderException(String placeholder, String problem) {
        this("payload placeholder '" + Reasons.bounded(placeholder, 100) + "' " + problem);
    }

    /** A problem of the payload as a whole (its size once resolved, say). */
    public PlaceholderException(String message) {
        super(message, null, false, false);
    }
}
