package io.workchain.common.message;

import io.workchain.common.limits.Reasons;

/**
 * What a service answered for one item. {@code ok} and {@code error} are both kept because the
 * specification has both; {@link #success} and {@link #failure} keep them consistent.
 */
public record Response(boolean error, boolean ok, String data, String metadata) {

    public static Response success(String data, String metadata) {
        return new Response(false, true, data, metadata);
    }

    /** A failure; {@code reason} is the response data, so a client sees why. */
    public static Response failure(String reason, String metadata) {
        return new Response(true, false, Reasons.bounded(reason), metadata);
    }

    public boolean failed() {
        return error || !ok;
    }
}
