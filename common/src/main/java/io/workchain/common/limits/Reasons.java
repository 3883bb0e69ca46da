package io.workchain.common.limits;

/**
 * Reasons (failure data, completion errors, dead-letter headers) never echo unbounded input: they
 * are cut to {@link Limits#MAX_REASON_CHARS} with a marker saying how much was left out.
 */
public final class Reasons {

    private Reasons() {}

    public static String bounded(String reason) {
        return bounded(reason, Limits.MAX_REASON_CHARS);
    }

    public static String bounded(String reason, int maxChars) {
        if (reason == null || reason.length() <= maxChars) {
            return reason;
        }
        int keep = Math.max(0, maxChars - 40);
        // Never split a surrogate pair: the cut text must stay valid UTF-16 (and so valid UTF-8).
        if (keep > 0 && Character.isHighSurrogate(reason.charAt(keep - 1))) {
            keep--;
        }
        return reason.substring(0, keep) + "... (" + (reason.length() - keep) + " more characters)";
    }
}
