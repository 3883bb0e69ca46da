package io.workchain.gateway.target;

import io.workchain.common.limits.Reasons;
import io.workchain.gateway.config.GatewayConfig;

import java.util.List;
import java.util.Map;

/**
 * Which topics a KAFKA item may publish to through its route. By default any topic but
 * Workchain's own, the notifier's internal ones and Kafka's (forbidden prefixes); a route that
 * lists its topics may publish to those only.
 */
final class KafkaTopicPolicy {

    private final List<String> forbiddenPrefixes;
    private final Map<String, List<String>> routeTopics;

    KafkaTopicPolicy(GatewayConfig.Kafka config) {
        this.forbiddenPrefixes = config.forbiddenTopicPrefixes().stream().map(String::trim).filter(p -> !p.isEmpty())
                .toList();
        this.routeTopics = Map.copyOf(config.routeTopics());
    }

    /** Throws {@link TargetRefusedException} unless an item of {@code route} may publish to {@code topic}. */
    void check(String route, String topic) {
        List<String> listed = routeTopics.get(route);
        if (listed != null) {
            if (listed.stream().map(String::trim).noneMatch(entry -> matches(entry, topic))) {
                throw new TargetRefusedException("topic '" + Reasons.bounded(topic, 80) + "' is not one route '" + route
                        + "' may publish to (workchain.gateway.kafka.route-topics." + route + ")");
            }
            return;
        }
        for (String prefix : forbiddenPrefixes) {
            if (topic.startsWith(prefix)) {
                throw new TargetRefusedException("topic '" + Reasons.bounded(topic, 80) + "' is internal (prefix '"
                        + prefix
                        + "': Workchain's own topics, the notifier's and Kafka's are off limits to items); a route may"
                        + " list the topics it publishes to in workchain.gateway.kafka.route-topics");
            }
        }
    }

    private static boolean matches(String entry, String topic) {
        return entry.endsWith("*") ? topic.startsWith(entry.substring(0, entry.length() - 1)) : entry.equals(topic);
    }
}
