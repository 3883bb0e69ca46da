package io.workchain.common.message;

/**
 * One request of a chain. Items with the same {@code order} form one step and run in parallel.
 * {@code response} is empty until the item has been answered: a work message carries the
 * responses gathered so far, so the ESB needs no state of its own. {@code timeoutMs} (optional,
 * not part of the hash) bounds how long the item may take once its step is dispatched.
 */
public record WorkItem(int order, Request request, Response response, Long timeoutMs) {

    public WorkItem(int order, Request request, Response response) {
        this(order, request, response, null);
    }

    public static WorkItem of(int order, Request request) {
        return new WorkItem(order, request, null, null);
    }

    /** The same item with a timeout: how long it may take once its step is dispatched. */
    public WorkItem withTimeout(Long newTimeoutMs) {
        return new WorkItem(order, request, response, newTimeoutMs);
    }

    public boolean answered() {
        return response != null;
    }

    public WorkItem withResponse(Response newResponse) {
        return new WorkItem(order, request, newResponse, timeoutMs);
    }
}
