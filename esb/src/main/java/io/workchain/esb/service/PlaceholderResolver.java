package io.workchain.esb.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workchain.common.message.Request;
import io.workchain.common.message.WorkItem;
import io.workchain.common.message.WorkMessage;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Feeds an earlier step's output into a later step's payload, just before dispatch.
 *
 * <ul>
 *   <li>{@code {{order:N}}}: the response data of step N (which must have exactly one item);</li>
 *   <li>{@code {{item:I}}}: the response data of the item at position I of the work message;</li>
 *   <li>either followed by a JSON Pointer (RFC 6901), {@code {{order:0/text}}}: that value inside
 *       the data, which must then be JSON. A string value is inserted JSON-escaped without its
 *       quotes (write the placeholder inside a JSON string); any other value as its JSON text.</li>
 * </ul>
 * Only steps before the item's own may be referred to, and only answers that succeeded. Text
 * like {@code {{name}}} that is not one of these forms is left as it is.
 *
 * <p>The payload limit is enforced while the payload is built, not after: a short payload naming a
 * large answer thousands of times stops at the limit instead of filling the heap, and data that
 * several pointers look into is parsed once.
 */
public final class PlaceholderResolver {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(order|item):(\\d+)(/[^}\\s]*)?\\s*}}");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PlaceholderResolver() {}

    /**
     * The item's request with every placeholder of its payload replaced; a {@link PlaceholderException}
     * as soon as the payload would pass {@code maxPayloadChars}.
     */
    public static Request resolve(WorkMessage work, int index, int maxPayloadChars) {
        WorkItem item = work.items().get(index);
        String payload = item.request().payload();
        if (payload == null || !payload.contains("{{")) {
            return item.request();
        }
        Matcher matcher = PLACEHOLDER.matcher(payload);
        StringBuilder resolved = new StringBuilder();
        Map<WorkItem, JsonNode> parsed = new IdentityHashMap<>();
        int copied = 0;
        while (matcher.find()) {
            String placeholder = matcher.group();
            WorkItem source = source(work, item.order(), matcher.group(1), number(matcher.group(2), placeholder),
                    placeholder);
            String value = matcher.group(3) == null
                    ? data(source)
                    : pointInto(parsed.computeIfAbsent(source, s -> parse(data(s), placeholder)), matcher.group(3),
                            placeholder);
            if (resolved.length() + (matcher.start() - copied) + value.length() > maxPayloadChars) {
                throw new PlaceholderException(placeholder, "makes the payload longer than the limit of "
                        + maxPayloadChars + " characters (workchain.esb.limits.max-payload-chars)");
            }
            resolved.append(payload, copied, matcher.start()).append(value);
            copied = matcher.end();
        }
        if (resolved.length() + (payload.length() - copied) > maxPayloadChars) {
            throw new PlaceholderException("the payload, placeholders resolved, is longer than the limit of "
                    + maxPayloadChars + " characters (workchain.esb.limits.max-payload-chars)");
        }
        resolved.append(payload, copied, payload.length());
        Request request = item.request();
        return new Request(request.url(), request.endpoint(), request.type(), request.method(), resolved.toString());
    }

    private static int number(String digits, String placeholder) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new PlaceholderException(placeholder, "names a number too large for any chain");
        }
    }

    private static WorkItem source(WorkMessage work, int currentOrder, String kind, int number, String placeholder) {
        WorkItem source;
        if (kind.equals("item")) {
            if (number >= work.items().size()) {
                throw new PlaceholderException(placeholder, "names item " + number + ", but the chain has "
                        + work.items().size() + " items");
            }
            source = work.items().get(number);
        } else {
            List<WorkItem> step = work.items().stream().filter(i -> i.order() == number).toList();
            if (step.isEmpty()) {
                throw new PlaceholderException(placeholder, "names step " + number + ", which the chain does not have");
            }
            if (step.size() > 1) {
                throw new PlaceholderException(placeholder, "names step " + number + ", which has " + step.size()
                        + " items: name one with {{item:I}}");
            }
            source = step.get(0);
        }
        if (source.order() >= currentOrder) {
            throw new PlaceholderException(placeholder, "refers to step " + source.order()
                    + ", which does not run before this item's step " + currentOrder);
        }
        if (!source.answered()) {
            throw new PlaceholderException(placeholder, "refers to an item that has not answered");
        }
        if (source.response().failed()) {
            throw new PlaceholderException(placeholder, "refers to an item that failed");
        }
        return source;
    }

    private static String data(WorkItem source) {
        return source.response().data() == null ? "" : source.response().data();
    }

    private static JsonNode parse(String data, String placeholder) {
        try {
            return MAPPER.readTree(data);
        } catch (JsonProcessingException e) {
            throw new PlaceholderException(placeholder, "points into data that is not JSON");
        }
    }

    private static String pointInto(JsonNode root, String pointer, String placeholder) {
        JsonNode value;
        try {
            value = root == null ? null : root.at(pointer);
        } catch (IllegalArgumentException e) {
            throw new PlaceholderException(placeholder, "has an invalid JSON pointer " + pointer);
        }
        if (value == null || value.isMissingNode()) {
            throw new PlaceholderException(placeholder, "points to " + pointer + ", which the data does not have");
        }
        return value.isTextual()
                ? new String(JsonStringEncoder.getInstance().quoteAsString(value.textValue()))
                : value.toString();
    }
}
