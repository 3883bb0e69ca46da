package io.workchain.notifier.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.WorkMessage;
import io.workchain.notifier.service.ChainState;
import io.workchain.notifier.service.Timeline;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;

/**
 * Chain states in the store and its changelog, as JSON: the work message and the early
 * notifications in their own wire format (so the changelog is readable with any Kafka tool), plus
 * the notifier's bookkeeping. Tree-based, no reflection.
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
            // The messages' own trees, embedded: written once, not written, parsed and written again.
            if (state.work() != null) {
                node.set("work", MessageCodec.toTree(state.work()));
            }
            if (!state.timeline().stepStarts().isEmpty() || !state.timeline().answeredAt().isEmpty()
                    || !state.timeline().answerTraces().isEmpty()) {
                ObjectNode timeline = node.putObject("timeline");
                ObjectNode steps = timeline.putObject("step_started_at");
                state.timeline().stepStarts().forEach((order, at) -> steps.put(Integer.toString(order), at));
                ObjectNode answers = timeline.putObject("answered_at");
                state.timeline().answeredAt().forEach((index, at) -> answers.put(Integer.toString(index), at));
                ObjectNode traces = timeline.putObject("answer_traces");
                state.timeline().answerTraces().forEach((index, traceparent) -> traces.put(Integer.toString(index), traceparent));
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
    private static java.util.Map<Integer, Long> times(JsonNode node) {
        java.util.Map<Integer, Long> times = new java.util.TreeMap<>();
        node.fields().forEachRemaining(entry -> times.put(Integer.parseInt(entry.getKey()), entry.getValue().asLong()));
        return times;
    }

    private static java.util.Map<Integer, String> traces(JsonNode node) {
        java.util.Map<Integer, String> traces = new java.util.TreeMap<>();
        node.fields().forEachRemaining(entry -> traces.put(Integer.parseInt(entry.getKey()), entry.getValue().asText()));
        return traces;
    }

    static ChainState read(byte[] bytes) {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            WorkMessage work = node.has("work") ? MessageCodec.fromOwnTree(node.get("work"), WorkMessage.class) : null;
            NotificationMessage early = node.has("early")
                    ? MessageCodec.fromOwnTree(node.get("early"), NotificationMessage.class) : null;
            return new ChainState(node.get("hash").asText(), work, early == null ? null : early.items(),
                    node.get("dispatched_step").asInt(), ChainState.Phase.valueOf(node.get("phase").asText()),
                    node.path("created_at").asLong(), node.get("updated_at").asLong(), node.get("finished_at").asLong(),
                    node.path("deadline_at").asLong(), node.path("step_started_at").asLong(), node.path("timer_at").asLong(),
                    new Timeline(times(node.path("timeline").path("step_started_at")),
                            times(node.path("timeline").path("answered_at")), traces(node.path("timeline").path("answer_traces"))));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("could not read a chain state: " + e.getMessage(), e);
        }
    }
}
