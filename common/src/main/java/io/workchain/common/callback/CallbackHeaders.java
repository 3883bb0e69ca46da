package io.workchain.common.callback;

/**
 * The headers a service that answers 202 reads to answer later over HTTP, and the Kafka header
 * with which the notifier marks the notifications it published for a callback.
 */
public final class CallbackHeaders {

    /** On the gateway's call: the item's callback token (send it back as {@code Authorization: Bearer}). */
    public static final String TOKEN = "Workchain-Callback-Token";
    /** On the gateway's call: where to {@code POST} the item's answer. */
    public static final String URL = "Workchain-Callback-Url";
    /**
     * On a notification record the notifier's callback endpoint wrote: a receipt (signed with the
     * callback key, not a token: it cannot answer anything) that lets the fold note the answer on
     * the chain's timeline as a callback. A forged one is not noted.
     */
    public static final String RECEIPT = "workchain-callback";

    private CallbackHeaders() {}
}
