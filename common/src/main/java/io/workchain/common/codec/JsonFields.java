package io.workchain.common.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.workchain.common.limits.Reasons;
import io.workchain.common.message.MalformedMessageException;

import java.util.Locale;

/**
 * Typed, path-aware access to the fields of a JSON object, so every type error names its field
 * ({@code items[1].order must be an integer, got string}).
 */
final class JsonFields {

    private JsonFields() {}

    static String path(String parent, String field) {
        return parent.isEmpty() ? field : parent + "." + field;
    }

    static JsonNode requireObject(JsonNode node, String path) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw new MalformedMessageException(path, "is missing");
        }
        if (!node.isObject()) {
            throw new MalformedMessageException(path, "must be an object, got " + describe(node));
        }
        return node;
    }

    static JsonNode requireArray(JsonNode parent, String field, String parentPath) {
        JsonNode node = parent.get(field);
        String path = path(parentPath, field);
        if (node == null || node.isNull()) {
            throw new MalformedMessageException(path, "is missing");
        }
        if (!node.isArray()) {
            throw new MalformedMessageException(path, "must be an array, got " + describe(node));
        }
        return node;
    }

    /** A string field, or null when absent. */
    static String optionalText(JsonNode parent, String field, String parentPath) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new MalformedMessageException(path(parentPath, field), "must be a string, got " + describe(node));
        }
        return node.textValue();
    }

    /**
     * A field meant to hold text (response data, metadata): a string as is, any other JSON value
     * as its compact JSON text, so a hand-written {@code "data": {"n": 1}} is kept, not refused.
     */
    static String optionalTextOrJson(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isTextual() ? node.textValue() : node.toString();
    }

    static Integer optionalInt(JsonNode parent, String field, String parentPath) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new MalformedMessageException(path(parentPath, field), "must be an integer, got " + describe(node));
        }
        return node.intValue();
    }

    static Long optionalLong(JsonNode parent, String field, String parentPath) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new MalformedMessageException(path(parentPath, field), "must be an integer, got " + describe(node));
        }
        return node.longValue();
    }

    static int requireInt(JsonNode parent, String field, String parentPath) {
        Integer value = optionalInt(parent, field, parentPath);
        if (value == null) {
            throw new MalformedMessageException(path(parentPath, field), "is missing");
        }
        return value;
    }

    static Boolean optionalBoolean(JsonNode parent, String field, String parentPath) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw new MalformedMessageException(path(parentPath, field),
                    "must be true or false, got " + describe(node));
        }
        return node.booleanValue();
    }

    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "string";
            case NUMBER -> (node.isIntegralNumber() ? "integer " : "number ")
                    + Reasons.bounded(node.asText(), 60);
            case BOOLEAN -> "boolean";
            case ARRAY -> "array";
            case OBJECT -> "object";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
