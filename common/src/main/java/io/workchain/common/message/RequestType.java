package io.workchain.common.message;

/**
 * How the gateway reaches a target (any case in a message):
 * <ul>
 *   <li>{@code HTTP}: an HTTP call, plain or TLS as the URL's scheme says;</li>
 *   <li>{@code HTTPS}: an HTTP call that must use TLS: an {@code http://} target is refused, never
 *       downgraded;</li>
 *   <li>{@code AMQP}: a publish to a RabbitMQ (AMQP 0-9-1) queue or exchange, with publisher confirms;</li>
 *   <li>{@code KAFKA}: a publish to a Kafka topic, acknowledged by all in-sync replicas.</li>
 * </ul>
 */
public enum RequestType {
    HTTP, HTTPS, AMQP, KAFKA;

    /** HTTP and HTTPS items name an HTTP method; AMQP and KAFKA items publish. */
    public boolean isHttp() {
        return this == HTTP || this == HTTPS;
    }
}
