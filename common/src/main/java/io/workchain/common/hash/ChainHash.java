package io.workchain.common.hash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workchain.common.message.Request;
import io.workchain.common.message.TamperedHashException;
import io.workchain.common.message.WorkItem;
import io.workchain.common.message.WorkMessage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The chain's identity and Kafka key: the lower-case hex MD5 of the UTF-8 bytes of the RFC 8785
 * canonical JSON of the items' projection
 * {@code [{"order":0,"request":{"endpoint":..,"method":..,"payload":..,"type":..,"url":..}}, ...]}
 * in the items' own order. Responses are not part of it (the hash stays the same as a chain
 * gathers them); a payload that is absent is left out of the projection. A work message with a
 * {@code run_id} hashes {@code {"items":<that projection>,"run_id":<run id>}} instead: a JSON
 * object, where every chain without one hashes an array, so the two kinds never share a text and a
 * chain without a run id keeps the hash it always had. See docs/hash.md.
 */
public final class ChainHash {

    private ChainHash() {}

    /** The hash of a chain without a run id. */
    public static String of(List<WorkItem> items) {
        return of(items, null);
    }

    /** The hash of the items run under {@code runId} (null: none, the items' own hash). */
    public static String of(List<WorkItem> items, String runId) {
        return md5Hex(canonicalForm(items, runId));
    }

    /** The hash of the work message's items and run id. */
    public static String of(WorkMessage message) {
        return of(message.items(), message.runId());
    }

    /** The text that is hashed; shown in docs/hash.md so other languages can check their own. */
    public static String canonicalForm(List<WorkItem> items) {
        return canonicalForm(items, null);
    }

    public static String canonicalForm(List<WorkItem> items, String runId) {
        ArrayNode projection = JsonNodeFactory.instance.arrayNode();
        for (WorkItem item : items) {
            ObjectNode entry = projection.addObject();
            entry.put("order", item.order());
            Request request = item.request();
            ObjectNode req = entry.putObject("request");
            req.put("url", request.url());
            req.put("endpoint", request.endpoint());
            req.put("type", request.type().name());
            req.put("method", request.method());
            if (request.payload() != null) {
                req.put("payload", request.payload());
            }
        }
        return canonicalize(projection, runId);
    }

    /**
     * The hash of a projection built by hand ({@code [{"order":..,"request":{..}}, ...]}) and the
     * run id as written (null: none): for a work message that was refused, whose items are known
     * only as written.
     */
    public static String ofProjection(JsonNode projection, String runId) {
        return md5Hex(canonicalize(projection, runId));
    }

    public static boolean matches(WorkMessage message) {
        return message.hash() != null && message.hash().equals(of(message));
    }

    /**
     * The message with its hash: computed when the sender left it out, checked when it did not.
     *
     * @throws TamperedHashException when the given hash does not match the items and run id
     */
    public static WorkMessage ensure(WorkMessage message) {
        String computed = of(message);
        if (message.hash() == null) {
            return message.withHash(computed);
        }
        if (!message.hash().equals(computed)) {
            throw new TamperedHashException(message.hash(), computed);
        }
        return message;
    }

    private static String canonicalize(JsonNode projection, String runId) {
        if (runId == null) {
            return JsonCanonicalizer.canonicalize(projection);
        }
        ObjectNode run = JsonNodeFactory.instance.objectNode();
        run.set("items", projection);
        run.put("run_id", runId);
        return JsonCanonicalizer.canonicalize(run);
    }

    private static String md5Hex(String text) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }
}
