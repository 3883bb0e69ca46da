package io.workchain.notifier.service;

import io.workchain.common.codec.MessageCodec;
import io.workchain.common.limits.Deadlines;
import io.workchain.common.limits.Reasons;
import io.workchain.common.message.ChainStatus;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.Response;
import io.workchain.common.message.ResultItem;
import io.workchain.common.message.WorkItem;
import io.workchain.common.message.WorkMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The fold of a chain's work and notification messages, and of its timers, into its state, and
 * what follows from it. Pure (no Kafka): the stream processor stores the state and forwards the
 * outputs atomically.
 *
 * <ul>
 *   <li>Results come only from where they should: a client's work message is a request only (its
 *       responses are dropped), and a notification counts only for an item of a step that has
 *       been dispatched; anything else is refused (dead-lettered with the reason).</li>
 *   <li>Idempotent: the first answer for an item wins; a repeated one changes nothing.</li>
 *   <li>Commutative: a notification that arrives before its work message is kept (bounded in
 *       number and time) until it does.</li>
 *   <li>When every item of a step has answered: a failed item ends the chain (completion FAILED,
 *       later steps marked not run, never called); else the next step goes to the steps topic
 *       (once); after the last step, the completion message, once.</li>
 *   <li>Every chain ends: at its deadline, or when a dispatched item stays unanswered past its
 *       timeout, it fails as timed out.</li>
 *   <li>A finished chain ignores everything until its state is removed after the retention, but an
 *       operator's retry of a failed one (ChainControl), which runs it again as its next attempt.</li>
 * </ul>
 */
public final class ChainFold {

    /** Metadata of the responses of items that never ran because an earlier step failed. */
    static final String NOT_RUN_METADATA = "{\"not_run\":true}";
    /** Metadata of the responses of the items of a work message that was refused. */
    public static final String REFUSED_METADATA = "{\"refused\":true}";
    /** Metadata of the responses of items that did not answer in time. */
    static final String TIMED_OUT_METADATA = "{\"timed_out\":true}";
    /** Room left in a record for what a completion adds to the responses (indexes, status, error). */
    private static final int RECORD_MARGIN_BYTES = 16_384;

    private final FoldSettings settings;
    private final ChainTimerRules timers;
    private final ChainControl control;

    public ChainFold(FoldSettings settings) {
        this.settings = settings;
        this.timers = new ChainTimerRules(settings);
        this.control = new ChainControl(settings);
    }

    public FoldSettings settings() {
        return settings;
    }

    /** The chain's timer went off: remove it, expire its early notifications, or time it out (ChainTimerRules). */
    public FoldResult onTimer(ChainState state, long now) {
        return timers.onTimer(state, now);
    }

    /** When the chain's timer must next go off, given its state. */
    public long timerFor(ChainState state) {
        return timers.timerFor(state);
    }

    /** An operator's retry or cancel, decided against the chain as it is now (ChainControl). */
    public FoldResult onControl(ChainState state, ControlRequest request, long now) {
        return control.onControl(state, request, now);
    }

    public FoldResult onWork(ChainState current, WorkMessage submitted, long now) {
        ChainState state = current == null ? ChainState.empty(submitted.hash(), now) : current;
        if (state.finished() || state.work() != null) {
            return FoldResult.unchanged(); // the same content is the same chain: a duplicate
        }
        WorkMessage work = submitted.withoutResponses();
        int first = work.nextStep().orElse(0);
        ChainState accepted = state.accepted(work, first, deadline(work, now), now);
        List<Refusal> refusals = new ArrayList<>();
        WorkMessage merged = work;
        for (ResultItem early : state.early()) {
            merged = apply(merged, first, early, refusals, early);
        }
        // Admitted once: the ESB runs only what the notifier forwards, so a chain sent again (the
        // same content, the same hash) calls no service twice.
        return advance(accepted.withWork(merged, now), refusals, now, true);
    }

    public FoldResult onNotification(ChainState current, NotificationMessage notification, long now) {
        ChainState state = current == null ? ChainState.empty(notification.hash(), now) : current;
        if (state.work() == null) {
            return holdEarly(state, notification, now);
        }
        if (state.finished()) {
            // Nothing changes a finished chain; a late answer to one of its items is a harmless
            // redelivery, but one the chain could never have asked for is still refused.
            List<Refusal> refusals = new ArrayList<>();
            for (ResultItem item : notification.items()) {
                apply(state.work(), state.dispatchedStep(), item, refusals, null);
            }
            return FoldResult.unchanged(refusals);
        }
        List<Refusal> refusals = new ArrayList<>();
        WorkMessage merged = state.work();
        for (ResultItem item : notification.items()) {
            merged = apply(merged, state.dispatchedStep(), item, refusals, null);
        }
        if (merged.equals(state.work())) {
            return FoldResult.unchanged(refusals);
        }
        return advance(state.withWork(merged, now), refusals, now, false);
    }

    /**
     * Holds what came before the work message, bounded in count and in bytes: the held answers,
     * as JSON, take at most half a record, so the state that holds them always fits its changelog
     * record (a state the changelog could not take would be lost on the next restore).
     */
    private FoldResult holdEarly(ChainState state, NotificationMessage notification, long now) {
        List<ResultItem> early = new ArrayList<>(state.early());
        List<Refusal> refusals = new ArrayList<>();
        long heldBytes = early.stream().mapToLong(item -> jsonBytes(state.hash(), item)).sum();
        long budget = settings.maxRecordBytes() / 2;
        for (ResultItem item : notification.items()) {
            if (early.stream().anyMatch(e -> sameItem(e, item))) {
                continue;
            }
            if (early.size() >= settings.maxEarly()) {
                refusals.add(Refusal.ofRecord("chain " + state.hash() + " has no work message yet and already holds "
                        + settings.maxEarly() + " early notifications (workchain.notifier.max-early-notifications)"));
                break;
            }
            long bytes = jsonBytes(state.hash(), item);
            if (heldBytes + bytes > budget) {
                refusals.add(Refusal.ofRecord("chain " + state.hash() + " has no work message yet and its early "
                        + "notifications would take more than " + budget + " bytes (half of workchain.notifier.limits"
                        + ".max-record-bytes)"));
                break;
            }
            heldBytes += bytes;
            early.add(item);
        }
        if (early.size() == state.early().size()) {
            return FoldResult.unchanged(refusals);
        }
        return new FoldResult(state.withEarly(early, now), null, null, refusals);
    }

    private static long jsonBytes(String hash, ResultItem item) {
        return MessageCodec.toJson(new NotificationMessage(hash, List.of(item))).length;
    }

    private long deadline(WorkMessage work, long now) {
        return Deadlines.chainDeadline(now, work.timeoutMs(), settings.chainTimeout(), settings.maxChainTimeout());
    }

    /**
     * Decides what follows from the state: nothing yet, the next step, or the end. A chain just
     * admitted has its first step forwarded too: the steps topic is the only one the ESB runs.
     */
    private FoldResult advance(ChainState state, List<Refusal> refusals, long now, boolean admitted) {
        WorkMessage work = state.work();
        int room = settings.maxRecordBytes() - RECORD_MARGIN_BYTES;
        // Writing the chain out costs as much as storing it: only when a bound on its size (every
        // character escaped in six bytes) does not already show that it fits.
        if (upperBoundOfJsonBytes(work) > room) {
            int size = MessageCodec.toJson(work).length;
            if (size > room) {
                return tooLarge(state, size, refusals, now);
            }
        }
        for (Map.Entry<Integer, List<Integer>> step : ChainEnding.steps(work).entrySet()) {
            List<Integer> indexes = step.getValue();
            boolean answered = indexes.stream().allMatch(i -> work.items().get(i).answered());
            if (!answered) {
                if (step.getKey() > state.dispatchedStep()) {
                    return new FoldResult(state.dispatched(step.getKey(), now), work, null, refusals);
                }
                return new FoldResult(state, admitted ? work : null, null, refusals);
            }
            OptionalInt failed = indexes.stream().filter(i -> work.items().get(i).response().failed())
                    .mapToInt(Integer::intValue).findFirst();
            if (failed.isPresent()) {
                return fail(state, step.getKey(), failed.getAsInt(), refusals, now);
            }
        }
        CompletionMessage completion = ChainEnding.completion(work, ChainStatus.COMPLETED, null, state.attempt());
        return new FoldResult(state.finish(ChainState.Phase.COMPLETED, work, now), null, completion, refusals);
    }

    private FoldResult fail(ChainState state, int failedStep, int failedIndex, List<Refusal> refusals, long now) {
        String error = "step " + failedStep + " failed: item " + failedIndex + ": "
                + state.work().items().get(failedIndex).response().data();
        return ChainEnding.end(state, error, "not run: step " + failedStep + " failed", NOT_RUN_METADATA, refusals,
                now);
    }

    /** A chain whose state would not fit a record fails, its responses cut so that the rest fits. */
    private FoldResult tooLarge(ChainState state, int size, List<Refusal> refusals, long now) {
        WorkMessage work = state.work();
        for (int i = 0; i < work.items().size(); i++) {
            Response response = work.items().get(i).response();
            if (response != null) {
                work = work.withResponse(i, new Response(response.error(), response.ok(),
                        Reasons.bounded(response.data()), Reasons.bounded(response.metadata())));
            }
        }
        String error = "the chain grew to " + size + " bytes with its responses, over the record limit of "
                + settings.maxRecordBytes() + " (workchain.notifier.limits.max-record-bytes)";
        return ChainEnding.end(state.withWork(work, now), error, "not run: " + error, NOT_RUN_METADATA, refusals, now);
    }

    /**
     * Puts one answer on its item, unless the item has one already (first answer wins), or the
     * answer is for an item the chain does not have or a step not dispatched yet (refused).
     */
    private static WorkMessage apply(WorkMessage work, int dispatchedStep, ResultItem result, List<Refusal> refusals,
            ResultItem early) {
        Integer index = result.index();
        if (index == null) {
            List<Integer> step = work.indexesOfStep(result.order());
            if (step.size() != 1) {
                refusals.add(
                        new Refusal("notification for step " + result.order() + " names no index, and that step has "
                                + step.size() + " items", early));
                return work;
            }
            index = step.get(0);
        }
        if (index >= work.items().size() || work.items().get(index).order() != result.order()) {
            refusals.add(new Refusal("notification names item " + index + " of step " + result.order()
                    + ", which the chain does not have", early));
            return work;
        }
        if (result.order() > dispatchedStep) {
            refusals.add(new Refusal("notification answers step " + result.order()
                    + ", which has not been dispatched (the chain is at step " + dispatchedStep + ")", early));
            return work;
        }
        if (work.items().get(index).answered()) {
            return work;
        }
        return work.withResponse(index, result.response());
    }

    /** At least the JSON size of the chain: six bytes per character (a unicode escape) plus its fixed parts. */
    static long upperBoundOfJsonBytes(WorkMessage work) {
        long chars = 0;
        for (WorkItem item : work.items()) {
            chars += length(item.request().url()) + length(item.request().endpoint()) + length(item.request().payload())
                    + length(item.request().method()) + 200;
            if (item.response() != null) {
                chars += length(item.response().data()) + length(item.response().metadata()) + 100;
            }
        }
        chars += length(work.runId());
        return chars * 6 + 200;
    }

    private static long length(String text) {
        return text == null ? 0 : text.length();
    }

    private static boolean sameItem(ResultItem a, ResultItem b) {
        return a.order() == b.order() && Objects.equals(a.index(), b.index());
    }
}
