package io.workchain.notifier.service;

import io.workchain.common.message.WorkMessage;

import java.util.Map;
import java.util.TreeMap;

/**
 * When each step of a chain was dispatched and each item answered (epoch ms), for the console's
 * timeline. Kept in the chain's state: as many entries as the chain has steps and items (bounded
 * by the item limit).
 */
public record Timeline(Map<Integer, Long> stepStarts, Map<Integer, Long> answeredAt, Map<Integer, String> answerTraces) {

    public Timeline {
        stepStarts = Map.copyOf(stepStarts == null ? Map.of() : stepStarts);
        answeredAt = Map.copyOf(answeredAt == null ? Map.of() : answeredAt);
        answerTraces = Map.copyOf(answerTraces == null ? Map.of() : answerTraces);
    }

    public static Timeline empty() {
        return new Timeline(Map.of(), Map.of(), Map.of());
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
        return new Timeline(stepStarts, answeredAt, traces);
    }

    Timeline stepStarted(int order, long now) {
        Map<Integer, Long> starts = new TreeMap<>(stepStarts);
        starts.putIfAbsent(order, now);
        return new Timeline(starts, answeredAt, answerTraces);
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
        return answers == null ? this : new Timeline(stepStarts, answers, answerTraces);
    }
}
