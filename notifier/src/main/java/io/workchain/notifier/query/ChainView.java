package io.workchain.notifier.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workchain.common.SafeUrls;
import io.workchain.common.message.Response;
import io.workchain.common.message.WorkItem;
import io.workchain.common.message.WorkMessage;
import io.workchain.notifier.service.ChainState;
import io.workchain.notifier.service.OperatorAction;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * A chain's progress as {@code GET /chains/{hash}} shows it: its status and attempt, steps done and
 * pending, responses so far, and what operators asked of it.
 */
public final class ChainView {

    private ChainView() {}

    /** Response data shown per item at most (the rest is cut, and says so): the console is not the API. */
    static final int MAX_DATA_CHARS = 2_000;
    /** An error in the list, at most. */
    static final int MAX_ERROR_CHARS = 200;

    /** One line of the chain list: status, age, progress, the first error. */
    public static ObjectNode summary(ChainState state) {
        ObjectNode view = header(state);
        WorkMessage work = state.work();
        if (work != null) {
            TreeSet<Integer> orders = new TreeSet<>();
            work.items().forEach(item -> orders.add(item.order()));
            view.put("steps_total", orders.size());
            view.put("steps_done", (int) orders.stream().filter(order -> work.indexesOfStep(order).stream()
                    .allMatch(i -> work.items().get(i).answered())).count());
            work.items().stream().map(WorkItem::response).filter(r -> r != null && r.failed()).findFirst()
                    .ifPresent(r -> view.put("error", cut(r.data(), MAX_ERROR_CHARS)));
        }
        return view;
    }

    /** What the list and the chain page both start with: which chain, its status and attempt, when. */
    private static ObjectNode header(ChainState state) {
        ObjectNode view = JsonNodeFactory.instance.objectNode();
        view.put("hash", state.hash());
        view.put("status", state.status());
        view.put("attempt", state.attempt());
        view.put("created_at", Instant.ofEpochMilli(state.createdAt()).toString());
        view.put("updated_at", Instant.ofEpochMilli(state.updatedAt()).toString());
        return view;
    }

    public static ObjectNode of(ChainState state) {
        ObjectNode view = header(state);
        WorkMessage work = state.work();
        if (state.finished()) {
            view.put("finished_at", Instant.ofEpochMilli(state.finishedAt()).toString());
        }
        view.put("early_notifications", state.early().size());
        if (work == null) {
            return view;
        }
        if (work.runId() != null) {
            view.put("run_id", work.runId()); // which run of its items this chain is
        }
        TreeSet<Integer> orders = new TreeSet<>();
        work.items().forEach(item -> orders.add(item.order()));
        int done = 0;
        ArrayNode steps = view.putArray("steps");
        for (int order : orders) {
            List<Integer> indexes = work.indexesOfStep(order);
            boolean answered = indexes.stream().allMatch(i -> work.items().get(i).answered());
            if (answered) {
                done++;
            }
            ObjectNode step = steps.addObject().put("order", order).put("done", answered);
            Long started = state.timeline().stepStarts().get(order);
            if (started != null) {
                step.put("started_at", Instant.ofEpochMilli(started).toString());
            }
            ArrayNode items = step.putArray("items");
            for (int index : indexes) {
                ObjectNode item = item(index, work.items().get(index));
                Long answeredAt = state.timeline().answeredAt().get(index);
                if (answeredAt != null) {
                    item.put("answered_at", Instant.ofEpochMilli(answeredAt).toString());
                    if (started != null) {
                        item.put("took_ms", Math.max(0, answeredAt - started));
                    }
                }
                items.add(item);
            }
        }
        view.put("steps_total", orders.size());
        view.put("steps_done", done);
        work.nextStep().ifPresentOrElse(next -> view.put("next_step", next), () -> view.putNull("next_step"));
        actions(view.putArray("actions"), state);
        return view;
    }

    /** What operators asked of the chain, oldest first: who, what, when, which attempt, what came of it. */
    private static void actions(ArrayNode actions, ChainState state) {
        for (OperatorAction action : state.timeline().actions()) {
            actions.addObject().put("action", action.action()).put("by", action.by())
                    .put("at", Instant.ofEpochMilli(action.at()).toString()).put("attempt", action.attempt())
                    .put("outcome", action.outcome());
        }
    }

    private static ObjectNode item(int index, WorkItem item) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("index", index);
        node.putObject("request").put("url", SafeUrls.redact(item.request().url()))
                .put("endpoint", item.request().endpoint())
                .put("method", item.request().method());
        node.put("state", item.answered() ? "ANSWERED" : "PENDING");
        Response response = item.response();
        if (response != null) {
            ObjectNode r = node.putObject("response").put("error", response.error()).put("ok", response.ok());
            if (response.data() != null) {
                r.put("data", cut(response.data(), MAX_DATA_CHARS));
            }
            if (response.metadata() != null) {
                r.put("metadata", response.metadata());
            }
        }
        return node;
    }

    /** At most {@code max} characters, URLs' user info masked; a cut says how much was left out. */
    static String cut(String text, int max) {
        if (text == null) {
            return null;
        }
        String masked = SafeUrls.redactText(text);
        return masked.length() <= max
                ? masked
                : masked.substring(0, max) + "... (" + (masked.length() - max) + " more characters)";
    }
}
