package io.workchain.common.message;

import java.util.Locale;
import java.util.Set;

/**
 * What one work item asks for: {@code url} (a gateway route name or an absolute URL), the
 * {@code endpoint} below it, the call {@code type}, the HTTP {@code method} and an optional
 * {@code payload} (JSON text or base64 protobuf, possibly with placeholders).
 */
public record Request(String url, String endpoint, RequestType type, String method, String payload) {

    /** The methods an HTTP or HTTPS request may name; anything else is rejected when a message is read. */
    public static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    /** The method of AMQP and KAFKA requests. */
    public static final String PUBLISH = "PUBLISH";

    public Request {
        method = method == null ? null : method.toUpperCase(Locale.ROOT);
    }

    /** An HTTP request: the common case. */
    public static Request http(String url, String endpoint, String method, String payload) {
        return new Request(url, endpoint, RequestType.HTTP, method, payload);
    }

    /** An HTTP request over TLS only. */
    public static Request https(String url, String endpoint, String method, String payload) {
        return new Request(url, endpoint, RequestType.HTTPS, method, payload);
    }

    /** A publish to a RabbitMQ queue ({@code endpoint} a queue name, or {@code exchange/routing-key}). */
    public static Request amqp(String url, String endpoint, String payload) {
        return new Request(url, endpoint, RequestType.AMQP, PUBLISH, payload);
    }

    /** A publish to a Kafka topic through a {@code kafka://} route. */
    public static Request kafka(String route, String topic, String payload) {
        return new Request(route, topic, RequestType.KAFKA, PUBLISH, payload);
    }
}
