package io.workchain.notifier.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.WorkMessage;
import io.workchain.notifier.service.ChainState;
import io.workchain.notifier.service.OperatorAction;
import io.workchain.notifier.service.Timeline;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chain states in the store and its changelog, as JSON: the work message and the early
 * notifications in their own wire format (so the changelog is readable with any Kafka tool), plus
 * the notifier's bookkeeping (the attempt and the operators' actions included; a state written
 * before those existed reads as attempt 1, no actions). Tree-based, no reflection.
 */
public final class ChainStateSerde implements Serde<ChainState> {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public Serializer<ChainState> serializer() {
        return (topic, state) -> state == null ? null : write(state);
    }

    @Override
    public Deserializer<ChainState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(ChainState state) {
        try {
            ObjectNode node = MAPPER.createObjectNode();
            node.put("hash", state.hash());
            node.put("phase", state.phase().name());
            node.put("dispatched_step", state.dispatchedStep());
            node.put("created_at", state.createdAt());
            node.put("updated_at", state.updatedAt());
            node.put("finished_at", state.finishedAt());
            node.put("deadline_at", state.deadlineAt());
            node.put("step_started_at", state.stepStartedAt());
            node.put("timer_at", state.timerAt());
            node.put("attempt", state.attempt());
            // The messages' own trees, embedded: written once, not written, parsed and written again.
            if (state.work() != null) {
                node.set("work", MessageCodec.toTree(state.work()));
            }
            if (!state.timeline().stepStarts().isEmpty() || !state.timeline().answeredAt().isEmpty()
                    || !state.timeline().answerTraces().isEmpty() || !state.timeline().actions().isEmpty()) {
                ObjectNode timeline = node.putObject("timeline");
                ObjectNode steps = timeline.putObject("step_started_at");
                state.timeline().stepStarts().forEach((order, at) -> steps.put(Integer.toString(order), at));
                ObjectNode answers = timeline.putObject("answered_at");
                state.timeline().answeredAt().forEach((index, at) -> answers.put(Integer.toString(index), at));
                ObjectNode traces = timeline.putObject("answer_traces");
                state.timeline().answerTraces()
                        .forEach((index, traceparent) -> traces.put(Integer.toString(index), traceparent));
                ArrayNode actions = timeline.putArray("actions");
                state.timeline().actions().forEach(action -> actions.addObject().put("action", action.action())
                        .put("by", action.by()).put("at", action.at()).put("attempt", action.attempt())
                        .put("outcome", action.outcome()));
            }
            if (!state.early().isEmpty()) {
                node.set("early", MessageCodec.toTree(new NotificationMessage(state.hash(), state.early())));
            }
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new SerializationException("could not write the state of " + state.hash(), e);
        }
    }

    /** A timeline's map (a state written before timelines existed has none: empty). */
    private static Map<Integer, Long> times(JsonNode node) {
        Map<Integer, Long> times = new TreeMap<>();
        node.fields().forEachRemaining(entry -> times.put(Integer.parseInt(entry.getKey()), entry.getValue().asLong()));
        return times;
    }

    private static Map<Integer, String> traces(JsonNode node) {
        Map<Integer, String> traces = new TreeMap<>();
        node.fields()
                .forEachRemaining(entry -> traces.put(Integer.parseInt(entry.getKey()), entry.getValue().asText()));
        return traces;
    }

    /** The operators' actions (a state written before they existed has none). */
    private static List<OperatorAction> actions(JsonNode node) {
        List<OperatorAction> actions = new ArrayList<>();
        node.forEach(
                action -> actions.add(new OperatorAction(action.path("action").asText(), action.path("by").asText(),
                        action.path("at").asLong(), action.path("attempt").asInt(1), action.path("outcome").asText())));
        return actions;
    }

    static ChainState read(byte[] bytes) {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            WorkMessage work = node.has("work") ? MessageCodec.fromOwnTree(node.get("work"), WorkMessage.class) : null;
            NotificationMessage early = node.has("early")
                    ? MessageCodec.fromOwnTree(node.get("early"), NotificationMessage.class)
                    : null;
            return new ChainState(node.get("hash").asText(), work, early == null ? null : early.items(),
                    node.get("dispatched_step").asInt(), ChainState.Phase.valueOf(node.get("phase").asText()),
                    node.path("created_at").asLong(), node.get("updated_at").asLong(), node.get("finished_at").asLong(),
                    node.path("deadline_at").asLong(), node.path("step_started_at").asLong(),
                    node.path("timer_at").asLong(),
                    node.path("attempt").asInt(1),
                    new Timeline(times(node.path("timeline").path("step_started_at")),
                            times(node.path("timeline").path("answered_at")),
                            traces(node.path("timeline").path("answer_traces")),
                            actions(node.path("timeline").path("actions"))));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("could not read a chain state: " + e.getMessage(), e);
        }
    }
}
