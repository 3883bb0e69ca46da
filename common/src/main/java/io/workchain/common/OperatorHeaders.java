package io.workchain.common;

/**
 * HTTP headers of the notifier's operator endpoints ({@code POST /chains/{hash}/retry},
 * {@code /cancel}), which the console and the command line send.
 */
public final class OperatorHeaders {

    /**
     * Must be present (any value) on an operator's POST. A browser sends it only from a page of the
     * notifier's own origin (another site's page cannot add a header without the notifier's CORS
     * consent, which it never gives), so a page elsewhere cannot make an operator's browser, holding
     * the operator's HTTP Basic credentials, retry or cancel a chain (cross-site request forgery).
     */
    public static final String REQUESTED_BY = "X-Workchain-Operator";

    private OperatorHeaders() {}
}
