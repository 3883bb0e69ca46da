package io.workchain.gateway.target;

import io.workchain.common.limits.Reasons;

import java.util.regex.Pattern;

/**
 * What an AMQP or KAFKA item's {@code endpoint} may name. AMQP: a queue (published through the
 * default exchange) or {@code exchange/routing-key}, each at most 255 characters (AMQP 0-9-1's
 * short strings) without control characters. KAFKA: a topic name as Kafka allows it.
 */
public final class PublishEndpoints {

    private static final Pattern KAFKA_TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final int MAX_AMQP_NAME = 255;

    private PublishEndpoints() {}

    /** An AMQP destination: the exchange ("" for the default one) and the routing key. */
    public record AmqpDestination(String exchange, String routingKey) {}

    public static AmqpDestination amqp(String endpoint) {
        checkAmqp(endpoint);
        int slash = endpoint.indexOf('/');
        return slash < 0
                ? new AmqpDestination("", endpoint)
                : new AmqpDestination(endpoint.substring(0, slash), endpoint.substring(slash + 1));
    }

    static void checkAmqp(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new TargetRefusedException("an AMQP endpoint names a queue or exchange/routing-key, got nothing");
        }
        int slash = endpoint.indexOf('/');
        String exchange = slash < 0 ? "" : endpoint.substring(0, slash);
        String key = slash < 0 ? endpoint : endpoint.substring(slash + 1);
        if (exchange.length() > MAX_AMQP_NAME || key.length() > MAX_AMQP_NAME) {
            throw new TargetRefusedException(
                    "an AMQP exchange or routing key has at most " + MAX_AMQP_NAME + " characters");
        }
        if (slash < 0 && key.isBlank()) {
            throw new TargetRefusedException("an AMQP queue name is empty");
        }
        for (char c : endpoint.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                throw new TargetRefusedException("an AMQP endpoint has a control character");
            }
        }
    }

    static void checkKafkaTopic(String endpoint) {
        if (endpoint == null || !KAFKA_TOPIC.matcher(endpoint).matches()) {
            throw new TargetRefusedException("a KAFKA endpoint is a topic name (letters, digits, '.', '_', '-', "
                    + "at most 249), got '" + Reasons.bounded(String.valueOf(endpoint), 80)
                    + "'");
        }
    }
}
