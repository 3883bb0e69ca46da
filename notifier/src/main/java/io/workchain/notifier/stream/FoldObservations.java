package io.workchain.notifier.stream;

import io.opentelemetry.api.trace.Span;
import io.workchain.common.message.ChainStatus;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.trace.ChainTrace;
import io.workchain.notifier.service.ChainState;
import io.workchain.notifier.service.FoldResult;

import java.util.List;

/**
 * What a fold's result means to those who watch: the answers' traces noted on the chain's
 * timeline (and a fan-in's links on the fold's span), and the counts (chains started and ended,
 * steps done and how long they took). Apart from the fold itself, which knows nothing of either.
 */
final class FoldObservations {

    private final ChainMetrics metrics;

    FoldObservations(ChainMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * Notes which record answered each item (its traceparent) and, when the fold ends a step of
     * several items, links the fold's span to every item's answer: a fan-in is one span with links.
     */
    FoldResult traced(ChainState before, FoldResult result, FoldTrigger trigger) {
        if (result.state() == null) {
            return result;
        }
        ChainState state = result.state().withTimeline(result.state().timeline()
                .tracedAnswers(result.state().updatedAt(), trigger.incomingTraceparent()));
        if (stepEnded(before, result, trigger) && before.dispatchedStep() >= 0) {
            List<Integer> items = before.work().indexesOfStep(before.dispatchedStep());
            if (items.size() > 1) {
                Span current = Span.current();
                for (int index : items) {
                    String traceparent = state.timeline().answerTraces().get(index);
                    if (traceparent != null) {
                        current.addLink(Span.fromContext(ChainTrace.parent(traceparent)).getSpanContext());
                    }
                }
            }
        }
        return new FoldResult(state, result.nextWork(), result.completion(), result.refusals(), result.remove());
    }

    /**
     * What a fold's result means for the counts: a chain accepted, a step done, a chain ended (by a
     * timer: timed out), an operator's retry started.
     */
    void count(ChainState before, FoldResult result, FoldTrigger trigger, long now) {
        boolean hadWork = before != null && before.work() != null;
        if (!hadWork && result.state() != null && result.state().work() != null) {
            metrics.chainStarted();
        }
        CompletionMessage completion = result.completion();
        if (stepEnded(before, result, trigger)) {
            metrics.stepDone(now - before.stepStartedAt());
        }
        if (trigger.byOperator() && result.nextWork() != null) {
            metrics.chainRetried();
        }
        if (completion != null) {
            ChainState chain = result.state() != null ? result.state() : before;
            metrics.chainEnded(completion.status(), trigger.byTimer(), chain == null ? 0 : now - chain.createdAt());
        }
    }

    /**
     * Whether this fold ended the step that was running: its answers led to the next step, or to a
     * completed chain (a timer only ever ends a chain by failing it; an operator's retry or cancel
     * ends no step).
     */
    private static boolean stepEnded(ChainState before, FoldResult result, FoldTrigger trigger) {
        if (trigger.byOperator()) {
            return false;
        }
        boolean completed = result.completion() != null && !trigger.byTimer()
                && result.completion().status() == ChainStatus.COMPLETED;
        return before != null && before.work() != null && (result.nextWork() != null || completed);
    }
}
