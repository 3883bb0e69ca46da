package io.workchain.common.message;

import java.util.Locale;
import java.util.Set;

/**
 * What one work item asks for: {@code url} (a gateway route name or an absolute URL), the
 * {@code endpoint} below it, the call {@code type}, the HTTP {@code method} and an optional
 * {@code payload} (JSON text or base64 protobuf, possibly with placeholders).
 */
public record Request(String url, String endpoint, RequestType type, String method, String payload) {

    /** The methods a request may name; anything else is rejected when a message is read. */
    public static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    public Request {
        method = method == null ? null : method.toUpperCase(Locale.ROOT);
    }

    /** An HTTP request: the common case. */
    public static Request http(String url, String endpoint, String method, String payload) {
        return new Request(url, endpoint, RequestType.HTTP, method, payload);
    }
}
