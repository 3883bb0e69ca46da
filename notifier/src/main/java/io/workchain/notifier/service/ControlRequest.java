package io.workchain.notifier.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workchain.common.limits.Reasons;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An operator's request on a chain, as the notifier's endpoint writes it to the control topic
 * (keyed by the chain's hash, on its partition) and its fold reads it: the action, the chain, the
 * attempt it names (a retry names the attempt it retries, so two retries of one attempt run one;
 * a cancel may leave it out: whichever attempt runs), who asked and when (epoch ms). JSON, read
 * through a tree: no reflection.
 */
public record ControlRequest(Action action, String hash, Integer attempt, String by, long requestedAt) {

    public enum Action {
        RETRY, CANCEL;

        /** How the API, the timeline and the command line spell it. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Who asked, at most: a user name, not a document. */
    static final int MAX_BY_CHARS = 100;
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{32}");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ControlRequest {
        by = by == null || by.isBlank() ? "anonymous" : by.length() > MAX_BY_CHARS ? by.substring(0, MAX_BY_CHARS) : by;
    }

    public byte[] toJson() {
        ObjectNode node = MAPPER.createObjectNode().put("action", action.word()).put("hash", hash);
        if (attempt != null) {
            node.put("attempt", attempt.intValue());
        }
        node.put("by", by).put("requested_at", requestedAt);
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a control record; IllegalArgumentException says what is wrong with it. */
    public static ControlRequest fromJson(byte[] value) {
        JsonNode node;
        try {
            node = value == null ? null : MAPPER.readTree(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "a control record must be JSON: " + Reasons.bounded(e.getMessage(), 200));
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a control record must be a JSON object");
        }
        String action = node.path("action").asText("");
        String hash = node.path("hash").asText("");
        if (!action.equals("retry") && !action.equals("cancel")) {
            throw new IllegalArgumentException("action must be retry or cancel, got '" + action + "'");
        }
        if (!HASH.matcher(hash).matches()) {
            throw new IllegalArgumentException("hash must be 32 lower-case hexadecimal characters");
        }
        JsonNode attempt = node.get("attempt");
        if (attempt != null && !(attempt.canConvertToInt() && attempt.isIntegralNumber() && attempt.intValue() >= 1)) {
            throw new IllegalArgumentException("attempt must be an integer >= 1");
        }
        return new ControlRequest(Action.valueOf(action.toUpperCase(Locale.ROOT)), hash,
                attempt == null ? null : attempt.intValue(), node.path("by").asText(null),
                node.path("requested_at").asLong());
    }
}
