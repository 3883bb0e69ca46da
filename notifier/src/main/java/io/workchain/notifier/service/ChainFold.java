package io.workchain.notifier.service;

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
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The fold of a chain's work and notification messages into its state, and what follows from it.
 * Pure (no Kafka): the stream processor stores the state and forwards the outputs atomically.
 *
 * <ul>
 *   <li>Idempotent: the first answer for an item wins; a repeated one changes nothing.</li>
 *   <li>Commutative: a notification that arrives before its work message is kept until it does.</li>
 *   <li>When every item of a step has answered: a failed item ends the chain (completion FAILED,
 *       later steps marked not run, never called); else the next step goes to the work topic
 *       (once); after the last step, the completion message, once.</li>
 *   <li>A finished chain ignores everything until its state is cleaned up after the retention.</li>
 * </ul>
 */
public final class ChainFold {

    /** Metadata of the responses of items that never ran because an earlier step failed. */
    static final String NOT_RUN_METADATA = "{\"not_run\":true}";

    private ChainFold() {
    }

    public static FoldResult onWork(ChainState current, WorkMessage work, long now) {
        ChainState state = current == null ? ChainState.empty(work.hash(), now) : current;
        if (state.finished()) {
            return FoldResult.unchanged();
        }
        WorkMessage merged = state.work() == null ? work : mergeResponses(state.work(), work);
        // Whoever sent this work message also had the ESB dispatch its next step.
        int dispatched = Math.max(state.dispatchedStep(), work.nextStep().orElse(-1));
        List<String> refusals = new ArrayList<>();
        for (ResultItem early : state.early()) {
            merged = apply(merged, early, refusals);
        }
        if (merged.equals(state.work()) && dispatched == state.dispatchedStep() && state.early().isEmpty()) {
            return FoldResult.unchanged(refusals); // a redelivery, or our own next-step message read back
        }
        return advance(state.withWork(merged, List.of(), dispatched, now), refusals, now);
    }

    public static FoldResult onNotification(ChainState current, NotificationMessage notification, long now) {
        ChainState state = current == null ? ChainState.empty(notification.hash(), now) : current;
        if (state.finished()) {
            return FoldResult.unchanged();
        }
        if (state.work() == null) {
            List<ResultItem> early = new ArrayList<>(state.early());
            for (ResultItem item : notification.items()) {
                if (early.stream().noneMatch(e -> sameItem(e, item))) {
                    early.add(item);
                }
            }
            if (early.size() == state.early().size()) {
                return FoldResult.unchanged();
            }
            return new FoldResult(new ChainState(state.hash(), null, early, state.dispatchedStep(), state.phase(),
                    now, 0), null, null, List.of());
        }
        List<String> refusals = new ArrayList<>();
        WorkMessage merged = state.work();
        for (ResultItem item : notification.items()) {
            merged = apply(merged, item, refusals);
        }
        if (merged.equals(state.work())) {
            return FoldResult.unchanged(refusals);
        }
        return advance(state.withWork(merged, List.of(), state.dispatchedStep(), now), refusals, now);
    }

    /** Decides what follows from the state: nothing yet, the next step, or the end. */
    private static FoldResult advance(ChainState state, List<String> refusals, long now) {
        WorkMessage work = state.work();
        Map<Integer, List<Integer>> steps = steps(work);
        for (Map.Entry<Integer, List<Integer>> step : steps.entrySet()) {
            List<Integer> indexes = step.getValue();
            boolean answered = indexes.stream().allMatch(i -> work.items().get(i).answered());
            if (!answered) {
                if (step.getKey() > state.dispatchedStep()) {
                    ChainState dispatched = new ChainState(state.hash(), work, List.of(), step.getKey(),
                            state.phase(), now, 0);
                    return new FoldResult(dispatched, work, null, refusals);
                }
                return new FoldResult(state, null, null, refusals);
            }
            OptionalInt failed = indexes.stream().filter(i -> work.items().get(i).response().failed())
                    .mapToInt(Integer::intValue).findFirst();
            if (failed.isPresent()) {
                return fail(state, step.getKey(), failed.getAsInt(), refusals, now);
            }
        }
        CompletionMessage completion = completion(work, ChainStatus.COMPLETED, null);
        return new FoldResult(state.finish(ChainState.Phase.COMPLETED, work, now), null, completion, refusals);
    }

    private static FoldResult fail(ChainState state, int failedStep, int failedIndex, List<String> refusals, long now) {
        WorkMessage work = state.work();
        String error = "step " + failedStep + " failed: item " + failedIndex + ": "
                + work.items().get(failedIndex).response().data();
        for (int i = 0; i < work.items().size(); i++) {
            if (!work.items().get(i).answered()) {
                work = work.withResponse(i, Response.failure("not run: step " + failedStep + " failed", NOT_RUN_METADATA));
            }
        }
        CompletionMessage completion = completion(work, ChainStatus.FAILED, error);
        return new FoldResult(state.finish(ChainState.Phase.FAILED, work, now), null, completion, refusals);
    }

    private static CompletionMessage completion(WorkMessage work, ChainStatus status, String error) {
        List<ResultItem> items = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        steps(work).values().forEach(order::addAll);
        for (int index : order) {
            WorkItem item = work.items().get(index);
            items.add(new ResultItem(item.order(), index, item.response()));
        }
        return new CompletionMessage(work.hash(), items, status, error);
    }

    /** Step order -> indexes of its items, steps ascending. */
    private static Map<Integer, List<Integer>> steps(WorkMessage work) {
        Map<Integer, List<Integer>> steps = new TreeMap<>();
        for (int i = 0; i < work.items().size(); i++) {
            steps.computeIfAbsent(work.items().get(i).order(), k -> new ArrayList<>()).add(i);
        }
        return steps;
    }

    /** Puts one answer on its item, unless the item has one already (first answer wins). */
    private static WorkMessage apply(WorkMessage work, ResultItem result, List<String> refusals) {
        Integer index = result.index();
        if (index == null) {
            List<Integer> step = work.indexesOfStep(result.order());
            if (step.size() != 1) {
                refusals.add("notification for step " + result.order() + " names no index, and that step has "
                        + step.size() + " items");
                return work;
            }
            index = step.get(0);
        }
        if (index >= work.items().size() || work.items().get(index).order() != result.order()) {
            refusals.add("notification names item " + index + " of step " + result.order()
                    + ", which the chain does not have");
            return work;
        }
        if (work.items().get(index).answered()) {
            return work;
        }
        return work.withResponse(index, result.response());
    }

    /** Fills in responses the stored work lacks from another copy of the same chain. */
    private static WorkMessage mergeResponses(WorkMessage stored, WorkMessage incoming) {
        WorkMessage merged = stored;
        for (int i = 0; i < stored.items().size() && i < incoming.items().size(); i++) {
            if (!stored.items().get(i).answered() && incoming.items().get(i).answered()) {
                merged = merged.withResponse(i, incoming.items().get(i).response());
            }
        }
        return merged;
    }

    private static boolean sameItem(ResultItem a, ResultItem b) {
        return a.order() == b.order() && java.util.Objects.equals(a.index(), b.index());
    }
}
