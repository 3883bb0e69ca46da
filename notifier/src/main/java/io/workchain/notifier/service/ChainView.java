package io.workchain.notifier.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workchain.common.message.Response;
import io.workchain.common.message.WorkItem;
import io.workchain.common.message.WorkMessage;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/** A chain's progress as {@code GET /chains/{hash}} shows it: steps done and pending, responses so far. */
public final class ChainView {

    private ChainView() {
    }

    public static ObjectNode of(ChainState state) {
        ObjectNode view = JsonNodeFactory.instance.objectNode();
        view.put("hash", state.hash());
        WorkMessage work = state.work();
        view.put("status", work == null ? "WAITING_FOR_WORK" : state.phase().name());
        view.put("updated_at", Instant.ofEpochMilli(state.updatedAt()).toString());
        if (state.finished()) {
            view.put("finished_at", Instant.ofEpochMilli(state.finishedAt()).toString());
        }
        view.put("early_notifications", state.early().size());
        if (work == null) {
            return view;
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
            ArrayNode items = step.putArray("items");
            for (int index : indexes) {
                items.add(item(index, work.items().get(index)));
            }
        }
        view.put("steps_total", orders.size());
        view.put("steps_done", done);
        work.nextStep().ifPresentOrElse(next -> view.put("next_step", next), () -> view.putNull("next_step"));
        return view;
    }

    private static ObjectNode item(int index, WorkItem item) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("index", index);
        node.putObject("request").put("url", io.workchain.common.SafeUrls.redact(item.request().url())).put("endpoint", item.request().endpoint())
                .put("method", item.request().method());
        node.put("state", item.answered() ? "ANSWERED" : "PENDING");
        Response response = item.response();
        if (response != null) {
            ObjectNode r = node.putObject("response").put("error", response.error()).put("ok", response.ok());
            if (response.data() != null) {
                r.put("data", response.data());
            }
            if (response.metadata() != null) {
                r.put("metadata", response.metadata());
            }
        }
        return node;
    }
}
