package io.workchain.common.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.workchain.common.limits.Limits;
import io.workchain.common.limits.Reasons;
import io.workchain.common.message.ChainStatus;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.MalformedMessageException;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.Request;
import io.workchain.common.message.RequestType;
import io.workchain.common.message.Response;
import io.workchain.common.message.ResultItem;
import io.workchain.common.message.WorkItem;
import io.workchain.common.message.WorkMessage;
import io.workchain.common.message.WorkchainMessage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static io.workchain.common.codec.JsonFields.optionalBoolean;
import static io.workchain.common.codec.JsonFields.optionalInt;
import static io.workchain.common.codec.JsonFields.optionalLong;
import static io.workchain.common.codec.JsonFields.optionalText;
import static io.workchain.common.codec.JsonFields.optionalTextOrJson;
import static io.workchain.common.codec.JsonFields.path;
import static io.workchain.common.codec.JsonFields.requireArray;
import static io.workchain.common.codec.JsonFields.requireInt;
import static io.workchain.common.codec.JsonFields.requireObject;

/**
 * Reads the JSON form of the messages by walking the tree (no reflection: native-friendly), so
 * each type error names its field. Lenient where the specification's own examples need it
 * (trailing commas); unknown fields are ignored, so newer senders stay readable.
 */
final class JsonMessageReader {

    static final String WORK = "work_message";
    static final String NOTIFICATION = "notification_message";
    static final String COMPLETION = "completion_message";

    // Hostile input is bounded before it becomes a tree: nesting, number length, string length.
    static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(Limits.MAX_JSON_DEPTH)
                    .maxNumberLength(100)
                    .maxStringLength(2 * Limits.MAX_RECORD_BYTES)
                    .build())
            .build())
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    private JsonMessageReader() {}

    static WorkchainMessage read(byte[] bytes) {
        return read(parse(bytes));
    }

    static WorkchainMessage read(JsonNode root) {
        if (!root.isObject()) {
            throw new MalformedMessageException("", "must be a JSON object holding one of "
                    + WORK + ", " + NOTIFICATION + ", " + COMPLETION + ", got " + JsonFields.describe(root));
        }
        if (root.has(WORK)) {
            return readWork(requireObject(root.get(WORK), WORK));
        }
        if (root.has(NOTIFICATION)) {
            JsonNode node = requireObject(root.get(NOTIFICATION), NOTIFICATION);
            return new NotificationMessage(optionalText(node, "hash", ""), readResults(node));
        }
        if (root.has(COMPLETION)) {
            JsonNode node = requireObject(root.get(COMPLETION), COMPLETION);
            String status = optionalText(node, "status", "");
            return new CompletionMessage(optionalText(node, "hash", ""), readResults(node),
                    status == null ? null : EnumFields.parse(ChainStatus.class, status, "status"),
                    optionalText(node, "error", ""), optionalInt(node, "attempt", ""));
        }
        List<String> names = new ArrayList<>();
        root.fieldNames().forEachRemaining(names::add);
        throw new MalformedMessageException("", "must hold one of " + WORK + ", " + NOTIFICATION + ", "
                + COMPLETION + "; found " + (names.isEmpty() ? "an empty object" : names));
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            JsonNode root = MAPPER.readTree(bytes);
            if (root == null || root.isMissingNode()) {
                throw new MalformedMessageException("", "is empty: expected a JSON object");
            }
            return root;
        } catch (StreamConstraintsException e) {
            throw new MalformedMessageException("",
                    "is too large or too deep: " + Reasons.bounded(e.getOriginalMessage(), 200));
        } catch (JsonParseException e) {
            throw new MalformedMessageException("", "is not valid JSON: " + Reasons.bounded(e.getOriginalMessage(), 200)
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("",
                    "is not valid JSON: " + Reasons.bounded(e.getOriginalMessage(), 200));
        } catch (IOException e) {
            throw new MalformedMessageException("", "could not be read: " + e.getMessage());
        }
    }

    // Paths inside a message are relative to it ("items[1].request.method"), as a user reads them.
    private static WorkMessage readWork(JsonNode node) {
        JsonNode items = requireArray(node, "items", "");
        List<WorkItem> workItems = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String at = "items[" + i + "]";
            JsonNode item = requireObject(items.get(i), at);
            JsonNode request = requireObject(item.get("request"), path(at, "request"));
            JsonNode response = item.get("response");
            workItems.add(new WorkItem(requireInt(item, "order", at),
                    readRequest(request, path(at, "request")),
                    response == null || response.isNull()
                            ? null
                            : readResponse(requireObject(response, path(at, "response")), path(at, "response")),
                    optionalLong(item, "timeout_ms", at)));
        }
        return new WorkMessage(optionalText(node, "hash", ""), workItems, optionalLong(node, "timeout_ms", ""),
                optionalText(node, "run_id", ""));
    }

    private static Request readRequest(JsonNode node, String at) {
        String type = optionalText(node, "type", at);
        return new Request(optionalText(node, "url", at), optionalText(node, "endpoint", at),
                type == null ? null : EnumFields.parse(RequestType.class, type, path(at, "type")),
                optionalText(node, "method", at), optionalText(node, "payload", at));
    }

    private static List<ResultItem> readResults(JsonNode node) {
        JsonNode items = requireArray(node, "items", "");
        List<ResultItem> results = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String at = "items[" + i + "]";
            JsonNode item = requireObject(items.get(i), at);
            JsonNode response = item.get("response");
            results.add(new ResultItem(requireInt(item, "order", at), optionalInt(item, "index", at),
                    response == null || response.isNull()
                            ? null
                            : readResponse(requireObject(response, path(at, "response")), path(at, "response"))));
        }
        return results;
    }

    private static Response readResponse(JsonNode node, String at) {
        Boolean error = optionalBoolean(node, "error", at);
        Boolean ok = optionalBoolean(node, "ok", at);
        if (error == null && ok == null) {
            throw new MalformedMessageException(path(at, "ok"), "is missing (a response needs ok or error)");
        }
        // One of the two implies the other when a sender wrote only one.
        boolean isError = error != null ? error : !ok;
        boolean isOk = ok != null ? ok : !error;
        return new Response(isError, isOk, optionalTextOrJson(node, "data"), optionalTextOrJson(node, "metadata"));
    }
}
