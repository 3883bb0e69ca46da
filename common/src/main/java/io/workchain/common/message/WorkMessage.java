package io.workchain.common.message;

import io.workchain.common.hash.ChainHash;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * An ordered list of requests (a chain), identified by its {@code hash}. Build new ones with
 * {@link #builder()}, which fills the hash. {@code timeoutMs} (optional, not part of the hash) is
 * how long the chain may take from its acceptance before it fails as timed out. {@code runId}
 * (optional, part of the hash) runs the same items again on purpose: a chain is identified by its
 * content, so without a run id the same items sent again are a duplicate (docs/hash.md).
 */
public record WorkMessage(String hash, List<WorkItem> items, Long timeoutMs, String runId) implements WorkchainMessage {

    public WorkMessage {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public WorkMessage(String hash, List<WorkItem> items, Long timeoutMs) {
        this(hash, items, timeoutMs, null);
    }

    public WorkMessage(String hash, List<WorkItem> items) {
        this(hash, items, null, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The step to run next: the lowest order that still has unanswered items. */
    public OptionalInt nextStep() {
        return items.stream().filter(i -> !i.answered()).mapToInt(WorkItem::order).min();
    }

    /** Positions (indexes in {@link #items()}) of the items of one step. */
    public List<Integer> indexesOfStep(int order) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).order() == order) {
                indexes.add(i);
            }
        }
        return indexes;
    }

    public WorkMessage withHash(String newHash) {
        return new WorkMessage(newHash, items, timeoutMs, runId);
    }

    public WorkMessage withTimeout(Long newTimeoutMs) {
        return new WorkMessage(hash, items, newTimeoutMs, runId);
    }

    /**
     * The same items under another run id (null: none). The hash covers the run id, so the copy
     * has none: {@link ChainHash#ensure} (as every submission does) computes the new one, and the
     * old one, which named another chain, cannot be sent along by mistake.
     */
    public WorkMessage withRunId(String newRunId) {
        return new WorkMessage(null, items, timeoutMs, newRunId);
    }

    public WorkMessage withResponse(int index, Response response) {
        List<WorkItem> updated = new ArrayList<>(items);
        updated.set(index, items.get(index).withResponse(response));
        return new WorkMessage(hash, updated, timeoutMs, runId);
    }

    /**
     * The same chain with no responses: what a client submits is only ever a request, so results
     * it carries are dropped (results come only from the ESB and the services).
     */
    public WorkMessage withoutResponses() {
        if (items.stream().noneMatch(WorkItem::answered)) {
            return this;
        }
        return new WorkMessage(hash, items.stream().map(i -> i.withResponse(null)).toList(), timeoutMs, runId);
    }

    /** Builds a work message item by item and computes its hash. */
    public static final class Builder {
        private final List<WorkItem> items = new ArrayList<>();
        private Long timeoutMs;
        private String runId;

        public Builder item(int order, Request request) {
            items.add(WorkItem.of(order, request));
            return this;
        }

        public Builder item(WorkItem item) {
            items.add(item);
            return this;
        }

        /** How long the chain may take, from its acceptance, before it fails as timed out. */
        public Builder timeout(Duration timeout) {
            this.timeoutMs = timeout == null ? null : timeout.toMillis();
            return this;
        }

        /** Runs these items again, as a chain of their own: another run id, another hash. */
        public Builder runId(String runId) {
            this.runId = runId;
            return this;
        }

        public WorkMessage build() {
            WorkMessage unhashed = new WorkMessage(null, items, timeoutMs, runId);
            MessageValidator.validateWork(unhashed);
            return unhashed.withHash(ChainHash.of(unhashed));
        }
    }
}
