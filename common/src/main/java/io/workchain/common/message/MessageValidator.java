package io.workchain.common.message;

import io.workchain.common.limits.MessageLimits;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The semantic rules of the three messages, whatever their encoding. The codecs check syntax and
 * types; this class checks what must be present and in range, naming the field at fault.
 */
public final class MessageValidator {

    private static final Pattern MD5_HEX = Pattern.compile("[0-9a-f]{32}");
    /**
     * A run id names a run, it carries no data: a short token of characters that need no escaping
     * in JSON, in a URL or in a log line, so the hash's canonical form holds it as written.
     */
    static final int MAX_RUN_ID_CHARS = 128;
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._:-]+");

    private MessageValidator() {}

    public static void validate(WorkchainMessage message) {
        validate(message, MessageLimits.DEFAULTS);
    }

    public static void validate(WorkchainMessage message, MessageLimits limits) {
        if (message instanceof WorkMessage work) {
            validateWork(work, limits);
        } else if (message instanceof NotificationMessage notification) {
            validateResults(notification.hash(), notification.items(), limits);
        } else if (message instanceof CompletionMessage completion) {
            validateResults(completion.hash(), completion.items(), limits);
            if (completion.attempt() != null && completion.attempt() < 1) {
                throw new MalformedMessageException("attempt", "must be >= 1 (1 is a chain's first run), got "
                        + completion.attempt());
            }
        }
    }

    /** A work message may leave its hash out (it is then computed), but not give a malformed one. */
    public static void validateWork(WorkMessage work) {
        validateWork(work, MessageLimits.DEFAULTS);
    }

    public static void validateWork(WorkMessage work, MessageLimits limits) {
        if (work.hash() != null) {
            checkHashFormat(work.hash());
        }
        if (work.items().isEmpty()) {
            throw new MalformedMessageException("items", "is empty: a chain needs at least one item");
        }
        checkCount(work.items().size(), limits);
        checkTimeout("timeout_ms", work.timeoutMs());
        checkRunId(work.runId());
        for (int i = 0; i < work.items().size(); i++) {
            validateItem("items[" + i + "]", work.items().get(i), limits);
        }
    }

    private static void validateItem(String path, WorkItem item, MessageLimits limits) {
        if (item == null) {
            throw new MalformedMessageException(path, "is missing");
        }
        checkOrder(path, item.order());
        checkTimeout(path + ".timeout_ms", item.timeoutMs());
        if (item.response() != null) {
            checkResponse(path + ".response", item.response(), limits);
        }
        validateRequest(path + ".request", item.request(), limits);
    }

    /**
     * One request, wherever it travels: inside a work item ({@code items[i].request}), or alone in
     * the gateway's invocation ({@code request}), so each names the field as its sender wrote it.
     */
    public static void validateRequest(String at, Request request, MessageLimits limits) {
        if (request == null) {
            throw new MalformedMessageException(at, "is missing");
        }
        requireText(at + ".url", request.url());
        if (request.endpoint() == null) {
            throw new MalformedMessageException(at + ".endpoint", "is missing");
        }
        if (request.type() == null) {
            throw new MalformedMessageException(at + ".type", "is missing");
        }
        requireText(at + ".method", request.method());
        if (request.type().isHttp() && !Request.METHODS.contains(request.method())) {
            throw new MalformedMessageException(at + ".method",
                    "must be one of " + String.join(", ", Request.METHODS.stream().sorted().toList())
                            + " for " + request.type() + ", got " + abbreviate(request.method()));
        }
        if (!request.type().isHttp() && !Request.PUBLISH.equals(request.method())) {
            throw new MalformedMessageException(at + ".method",
                    "must be publish for " + request.type() + ", got " + abbreviate(request.method()));
        }
        if (request.payload() != null && request.payload().length() > limits.maxPayloadChars()) {
            throw new MalformedMessageException(at + ".payload", "has " + request.payload().length()
                    + " characters, over the limit of " + limits.maxPayloadChars());
        }
        checkLength(at + ".url", request.url(), MAX_URL_CHARS);
        checkLength(at + ".endpoint", request.endpoint(), MAX_URL_CHARS);
    }

    /** URLs and endpoints are addresses, not data: 8 KiB is what common HTTP servers accept. */
    static final int MAX_URL_CHARS = 8_192;

    private static void checkLength(String path, String value, int max) {
        if (value != null && value.length() > max) {
            throw new MalformedMessageException(path,
                    "has " + value.length() + " characters, over the limit of " + max);
        }
    }

    private static void checkRunId(String runId) {
        if (runId == null) {
            return;
        }
        if (runId.isEmpty()) {
            throw new MalformedMessageException("run_id",
                    "is empty: leave it out to run the chain under its usual hash");
        }
        checkLength("run_id", runId, MAX_RUN_ID_CHARS);
        if (!RUN_ID.matcher(runId).matches()) {
            throw new MalformedMessageException("run_id", "must hold only letters, digits and . _ : - (at most "
                    + MAX_RUN_ID_CHARS + "), got '" + abbreviate(runId) + "'");
        }
    }

    private static void checkCount(int count, MessageLimits limits) {
        if (count > limits.maxItems()) {
            throw new MalformedMessageException("items",
                    "has " + count + " items, over the limit of " + limits.maxItems());
        }
    }

    private static void checkTimeout(String path, Long timeoutMs) {
        if (timeoutMs != null && timeoutMs <= 0) {
            throw new MalformedMessageException(path, "must be > 0, got " + timeoutMs);
        }
    }

    private static void checkResponse(String path, Response response, MessageLimits limits) {
        checkLength(path + ".data", response.data(), limits.maxResponseChars());
        checkLength(path + ".metadata", response.metadata(), limits.maxResponseChars());
    }

    private static void validateResults(String hash, List<ResultItem> items, MessageLimits limits) {
        if (hash == null) {
            throw new MalformedMessageException("hash", "is missing");
        }
        checkHashFormat(hash);
        if (items.isEmpty()) {
            throw new MalformedMessageException("items", "is empty");
        }
        checkCount(items.size(), limits);
        for (int i = 0; i < items.size(); i++) {
            String path = "items[" + i + "]";
            ResultItem item = items.get(i);
            checkOrder(path, item.order());
            if (item.index() != null && item.index() < 0) {
                throw new MalformedMessageException(path + ".index", "must be >= 0, got " + item.index());
            }
            if (item.response() == null) {
                throw new MalformedMessageException(path + ".response", "is missing");
            }
            checkResponse(path + ".response", item.response(), limits);
        }
    }

    private static void checkHashFormat(String hash) {
        if (!MD5_HEX.matcher(hash).matches()) {
            throw new MalformedMessageException("hash", "must be 32 lower-case hexadecimal characters (an MD5), got '"
                    + abbreviate(hash) + "'");
        }
    }

    private static void checkOrder(String path, int order) {
        if (order < 0) {
            throw new MalformedMessageException(path + ".order", "must be >= 0, got " + order);
        }
    }

    private static void requireText(String path, String value) {
        if (value == null) {
            throw new MalformedMessageException(path, "is missing");
        }
        if (value.isBlank()) {
            throw new MalformedMessageException(path, "is blank");
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
