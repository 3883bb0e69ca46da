package io.workchain.common.message;

import java.util.List;

/**
 * The end of a chain: every item's response, in order. {@code status}, {@code error} and
 * {@code attempt} are additions to the specification's fields; a reader accepts their absence
 * (status then null, attempt then null: the first run). {@code attempt} tells the runs of one chain
 * apart: 1 for its first run, one more for each retry an operator started (docs/operating-chains.md),
 * each run ending in a completion of its own.
 */
public record CompletionMessage(String hash, List<ResultItem> items, ChainStatus status, String error, Integer attempt)
        implements
            WorkchainMessage {

    public CompletionMessage {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** A completion that names no attempt (read as the first). */
    public CompletionMessage(String hash, List<ResultItem> items, ChainStatus status, String error) {
        this(hash, items, status, error, null);
    }

    /** Which run of the chain this completion ends: 1 when it does not say. */
    public int attemptOrFirst() {
        return attempt == null ? 1 : attempt;
    }

    public boolean succeeded() {
        return status != ChainStatus.FAILED && status != ChainStatus.CANCELLED
                && items.stream().noneMatch(i -> i.response() != null && i.response().failed());
    }
}
