package io.workchain.common.message;

/**
 * One request of a chain. Items with the same {@code order} form one step and run in parallel.
 * {@code response} is empty until the item has been answered: a work message carries the
 * responses gathered so far, so the ESB needs no state of its own.
 */
public record WorkItem(int order, Request request, Response response) {

    public static WorkItem of(int order, Request request) {
        return new WorkItem(order, request, null);
    }

    public boolean answered() {
        return response != null;
    }

    public WorkItem withResponse(Response newResponse) {
        return new WorkItem(order, request, newResponse);
    }
}
