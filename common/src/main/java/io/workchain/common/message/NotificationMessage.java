package io.workchain.common.message;

import java.util.List;

/** Answers for one or more items of a chain, from a service, the gateway (via the ESB) or the ESB. */
public record NotificationMessage(String hash, List<ResultItem> items) implements WorkchainMessage {

    public NotificationMessage {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public static NotificationMessage of(String hash, int order, Integer index, Response response) {
        return new NotificationMessage(hash, List.of(new ResultItem(order, index, response)));
    }
}
