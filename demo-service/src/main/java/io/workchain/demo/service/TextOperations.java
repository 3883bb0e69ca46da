package io.workchain.demo.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Small, checkable work on {@code {"text": "..."}}: what the demo's endpoints compute. */
public final class TextOperations {

    private TextOperations() {}

    /** The payload's text, or an error naming what is wrong. */
    public static String textOf(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            throw new IllegalArgumentException("payload must be a JSON object like {\"text\": \"...\"}");
        }
        JsonNode text = payload.get("text");
        if (text == null || !text.isTextual()) {
            throw new IllegalArgumentException("payload needs a string field 'text'");
        }
        return text.textValue();
    }

    public static ObjectNode upper(String text) {
        return JsonNodeFactory.instance.objectNode().put("text", text.toUpperCase(Locale.ROOT));
    }

    public static ObjectNode reverse(String text) {
        return JsonNodeFactory.instance.objectNode().put("text", new StringBuilder(text).reverse().toString());
    }

    public static ObjectNode count(String text) {
        String trimmed = text.trim();
        int words = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
        return JsonNodeFactory.instance.objectNode().put("words", words).put("characters", text.length());
    }

    public static ObjectNode sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return JsonNodeFactory.instance.objectNode().put("sha256", HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
