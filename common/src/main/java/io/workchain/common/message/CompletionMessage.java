package io.workchain.common.message;

import java.util.List;

/**
 * The end of a chain: every item's response, in order. {@code status} and {@code error} are
 * additions to the specification's fields; a reader accepts their absence (status then null).
 */
public record CompletionMessage(String hash, List<ResultItem> items, ChainStatus status, String error)
        implements WorkchainMessage {

    public CompletionMessage {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public boolean succeeded() {
        return status != ChainStatus.FAILED && items.stream().noneMatch(i -> i.response() != null && i.response().failed());
    }
}
