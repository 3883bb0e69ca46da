package io.workchain.esb.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workchain.common.message.Request;
import io.workchain.common.message.WorkItem;
import io.workchain.common.message.WorkMessage;

import java.util.List;
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
 */
public final class PlaceholderResolver {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(order|item):(\\d+)(/[^}\\s]*)?\\s*}}");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PlaceholderResolver() {
    }

    /** The item's request with every placeholder of its payload replaced. */
    public static Request resolve(WorkMessage work, int index) {
        WorkItem item = work.items().get(index);
        String payload = item.request().payload();
        if (payload == null || !payload.contains("{{")) {
            return item.request();
        }
        Matcher matcher = PLACEHOLDER.matcher(payload);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String placeholder = matcher.group();
            WorkItem source = source(work, item.order(), matcher.group(1), number(matcher.group(2), placeholder), placeholder);
            String data = source.response().data() == null ? "" : source.response().data();
            String value = matcher.group(3) == null ? data : pointInto(data, matcher.group(3), placeholder);
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(resolved);
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

    private static String pointInto(String data, String pointer, String placeholder) {
        JsonNode root;
        try {
            root = MAPPER.readTree(data);
        } catch (JsonProcessingException e) {
            throw new PlaceholderException(placeholder, "points into data that is not JSON");
        }
        JsonNode value;
        try {
            value = root == null ? null : root.at(pointer);
        } catch (IllegalArgumentException e) {
            throw new PlaceholderException(placeholder, "has an invalid JSON pointer " + pointer);
        }
        if (value == null || value.isMissingNode()) {
            throw new PlaceholderException(placeholder, "points to " + pointer + ", which the data does not have");
        }
        return value.isTextual() ? new String(JsonStringEncoder.getInstance().quoteAsString(value.textValue()))
                : value.toString();
    }
}
