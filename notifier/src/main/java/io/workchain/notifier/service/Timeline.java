package io.workchain.notifier.service;

import io.workchain.common.message.WorkMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * When each step of a chain was dispatched and each item answered (epoch ms), and what operators
 * asked of it (retries, cancels: who, when, which attempt, what came of it), for the console's
 * timeline. Kept in the chain's state: as many entries as the chain has steps and items (bounded
 * by the item limit), and the last {@link #MAX_ACTIONS} operators' actions.
 */
public record Timeline(Map<Integer, Long> stepStarts, Map<Integer, Long> answeredAt, Map<Integer, String> answerTraces,
        List<OperatorAction> actions) {

    /** Operators' actions kept per chain, the latest: enough to tell what happened, bounded whatever is asked. */
    static final int MAX_ACTIONS = 20;

    public Timeline {
        stepStarts = Map.copyOf(stepStarts == null ? Map.of() : stepStarts);
        answeredAt = Map.copyOf(answeredAt == null ? Map.of() : answeredAt);
        answerTraces = Map.copyOf(answerTraces == null ? Map.of() : answerTraces);
        actions = List.copyOf(actions == null ? List.of() : actions);
    }

    public Timeline(Map<Integer, Long> stepStarts, Map<Integer, Long> answeredAt, Map<Integer, String> answerTraces) {
        this(stepStarts, answeredAt, answerTraces, List.of());
    }

    public static Timeline empty() {
        return new Timeline(Map.of(), Map.of(), Map.of(), List.of());
    }

    /**
     * The traceparent of the record that answered each item answered at {@code now} (the item's
     * span): the fold that ends a step of several items links them all.
     */
    public Timeline tracedAnswers(long now, String traceparent) {
        if (traceparent == null) {
            return this;
        }
        Map<Integer, String> traces = new TreeMap<>(answerTraces);
        answeredAt.forEach((index, at) -> {
            if (at == now) {
                traces.putIfAbsent(index, traceparent);
            }
        });
        return new Timeline(stepStarts, answeredAt, traces, actions);
    }

    Timeline stepStarted(int order, long now) {
        Map<Integer, Long> starts = new TreeMap<>(stepStarts);
        starts.putIfAbsent(order, now);
        return new Timeline(starts, answeredAt, answerTraces, actions);
    }

    /** The items {@code after} has answered that {@code before} had not: answered {@code now}. */
    Timeline answered(WorkMessage before, WorkMessage after, long now) {
        if (after == null) {
            return this;
        }
        Map<Integer, Long> answers = null;
        for (int i = 0; i < after.items().size(); i++) {
            boolean was = before != null && i < before.items().size() && before.items().get(i).answered();
            if (after.items().get(i).answered() && !was && !answeredAt.containsKey(i)) {
                answers = answers == null ? new TreeMap<>(answeredAt) : answers;
                answers.put(i, now);
            }
        }
        return answers == null ? this : new Timeline(stepStarts, answers, answerTraces, actions);
    }

    /**
     * A retry runs the items of {@code rerun} again from step {@code fromStep}: their answers of the
     * earlier attempt, and the dispatch times of that step and the later ones, are forgotten (the
     * new attempt's take their place as they come); the answers kept keep their times.
     */
    Timeline rerunning(Set<Integer> rerun, int fromStep) {
        Map<Integer, Long> starts = new TreeMap<>(stepStarts);
        starts.keySet().removeIf(order -> order >= fromStep);
        Map<Integer, Long> answers = new TreeMap<>(answeredAt);
        answers.keySet().removeAll(rerun);
        Map<Integer, String> traces = new TreeMap<>(answerTraces);
        traces.keySet().removeAll(rerun);
        return new Timeline(starts, answers, traces, actions);
    }

    /** An operator's action, noted after the others; the oldest forgotten past {@link #MAX_ACTIONS}. */
    Timeline acted(OperatorAction action) {
        List<OperatorAction> noted = new ArrayList<>(actions);
        noted.add(action);
        return new Timeline(stepStarts, answeredAt, answerTraces,
                noted.subList(Math.max(0, noted.size() - MAX_ACTIONS), noted.size()));
    }
}
