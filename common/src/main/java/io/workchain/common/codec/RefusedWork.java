package io.workchain.common.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workchain.common.hash.ChainHash;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who a refused work message belongs to, when that can be known: the hash it gives (in MD5 form),
 * or else (no hash, or one that is no MD5) the hash of its items as written (orders and requests,
 * with type and method upper-cased as a valid message would have them) and of its run id, if any.
 * A client waiting on that hash can then be told that its chain was refused. JSON only: a protobuf
 * record that does not read has nothing to go by.
 */
public final class RefusedWork {

    private static final Pattern MD5_HEX = Pattern.compile("[0-9a-f]{32}");
    private static final String[] REQUEST_FIELDS = {"url", "endpoint", "type", "method", "payload"};

    private RefusedWork() {}

    /** The hash of the chain, and the orders of its items as written (empty when unknown). */
    public record Identity(String hash, List<Integer> orders) {}

    public static Optional<Identity> identify(byte[] bytes, String contentType) {
        if (bytes != null && bytes.length > 0 && StructuredCloudEvent.isStructured(contentType)) {
            try {
                StructuredCloudEvent.Data data = StructuredCloudEvent.unwrap(bytes);
                return identify(data.bytes(), data.contentType());
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
        if (bytes == null || bytes.length == 0
                || WireFormat.fromContentType(contentType).orElse(WireFormat.JSON) != WireFormat.JSON) {
            return Optional.empty();
        }
        JsonNode work;
        try {
            JsonNode root = JsonMessageReader.MAPPER.readTree(bytes);
            work = root == null ? null : root.get(JsonMessageReader.WORK);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (work == null || !work.isObject()) {
            return Optional.empty();
        }
        JsonNode items = work.get("items");
        List<Integer> orders = orders(items);
        JsonNode hash = work.get("hash");
        if (hash != null && hash.isTextual() && MD5_HEX.matcher(hash.textValue()).matches()) {
            return Optional.of(new Identity(hash.textValue(), orders));
        }
        // A hash that is no MD5 ("MD5CheckSum", as in the specification's example) names nothing a
        // client could wait on: the hash of the items as written is the one to answer on.
        if (items == null || !items.isArray() || items.isEmpty() || orders.size() != items.size()) {
            return Optional.empty();
        }
        ArrayNode projection = JsonNodeFactory.instance.arrayNode();
        for (JsonNode item : items) {
            JsonNode request = item.get("request");
            if (request == null || !request.isObject()) {
                return Optional.empty();
            }
            ObjectNode entry = projection.addObject();
            entry.put("order", item.get("order").intValue());
            ObjectNode req = entry.putObject("request");
            for (String field : REQUEST_FIELDS) {
                JsonNode value = request.get(field);
                if (value == null || value.isNull()) {
                    continue;
                }
                if (!value.isTextual()) {
                    return Optional.empty(); // not text: no valid message has it, no hash to compute
                }
                boolean upper = field.equals("type") || field.equals("method");
                req.put(field, upper ? value.textValue().trim().toUpperCase(Locale.ROOT) : value.textValue());
            }
        }
        // The run id as written is part of what its sender hashed; one that is no text is in no valid message.
        JsonNode runId = work.get("run_id");
        if (runId != null && !runId.isNull() && !runId.isTextual()) {
            return Optional.empty();
        }
        String run = runId == null || runId.isNull() ? null : runId.textValue();
        return Optional.of(new Identity(ChainHash.ofProjection(projection, run), orders));
    }

    private static List<Integer> orders(JsonNode items) {
        List<Integer> orders = new ArrayList<>();
        if (items == null || !items.isArray()) {
            return orders;
        }
        for (JsonNode item : items) {
            JsonNode order = item == null ? null : item.get("order");
            if (order == null || !order.isIntegralNumber() || !order.canConvertToInt() || order.intValue() < 0) {
                return orders;
            }
            orders.add(order.intValue());
        }
        return orders;
    }
}
