package io.workchain.common.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workchain.common.message.CompletionMessage;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.Request;
import io.workchain.common.message.Response;
import io.workchain.common.message.ResultItem;
import io.workchain.common.message.WorkItem;
import io.workchain.common.message.WorkMessage;
import io.workchain.common.message.WorkchainMessage;

import java.util.List;

/** Writes the JSON form of the messages, field names and nesting exactly as the specification's. */
final class JsonMessageWriter {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JsonMessageWriter() {}

    static byte[] write(WorkchainMessage message) {
        try {
            return MAPPER.writeValueAsBytes(toTree(message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serializes", e);
        }
    }

    static ObjectNode toTree(WorkchainMessage message) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        if (message instanceof WorkMessage work) {
            ObjectNode body = root.putObject(JsonMessageReader.WORK);
            putIfPresent(body, "hash", work.hash());
            ArrayNode items = body.putArray("items");
            for (WorkItem item : work.items()) {
                ObjectNode node = items.addObject();
                node.put("order", item.order());
                writeRequest(node.putObject("request"), item.request());
                if (item.response() != null) {
                    writeResponse(node.putObject("response"), item.response());
                }
                if (item.timeoutMs() != null) {
                    node.put("timeout_ms", item.timeoutMs());
                }
            }
            if (work.timeoutMs() != null) {
                body.put("timeout_ms", work.timeoutMs());
            }
            putIfPresent(body, "run_id", work.runId());
        } else if (message instanceof NotificationMessage notification) {
            ObjectNode body = root.putObject(JsonMessageReader.NOTIFICATION);
            putIfPresent(body, "hash", notification.hash());
            writeResults(body, notification.items());
        } else if (message instanceof CompletionMessage completion) {
            ObjectNode body = root.putObject(JsonMessageReader.COMPLETION);
            putIfPresent(body, "hash", completion.hash());
            writeResults(body, completion.items());
            putIfPresent(body, "status", completion.status() == null ? null : completion.status().name());
            putIfPresent(body, "error", completion.error());
            if (completion.attempt() != null) {
                body.put("attempt", completion.attempt().intValue());
            }
        }
        return root;
    }

    private static void writeRequest(ObjectNode node, Request request) {
        node.put("url", request.url());
        node.put("endpoint", request.endpoint());
        node.put("type", request.type().name());
        node.put("method", request.method());
        putIfPresent(node, "payload", request.payload());
    }

    private static void writeResults(ObjectNode body, List<ResultItem> results) {
        ArrayNode items = body.putArray("items");
        for (ResultItem result : results) {
            ObjectNode node = items.addObject();
            node.put("order", result.order());
            if (result.index() != null) {
                node.put("index", result.index());
            }
            writeResponse(node.putObject("response"), result.response());
        }
    }

    private static void writeResponse(ObjectNode node, Response response) {
        node.put("error", response.error());
        node.put("ok", response.ok());
        putIfPresent(node, "data", response.data());
        putIfPresent(node, "metadata", response.metadata());
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
