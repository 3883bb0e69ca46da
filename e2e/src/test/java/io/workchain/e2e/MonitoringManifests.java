package io.workchain.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Prometheus Operator's resources of k8s/monitoring, for KubernetesManifestsTest: no Java model
 * of them here, so read as trees whose fields are checked against the CRDs' (a typo fails), and the
 * metrics their alerts name looked up in the code that publishes them.
 */
final class MonitoringManifests {

    private static final String API_VERSION = "monitoring.coreos.com/v1";
    /** A metric name in a PromQL expression: workchain_* and the Kafka clients' kafka_*. */
    private static final Pattern METRIC = Pattern.compile("\\b((?:workchain|kafka)_[a-z_]+)\\b");
    /** A meter name as the Java sources spell it: "workchain.esb.gateway.circuit.open". */
    private static final Pattern METER_LITERAL = Pattern.compile("\"(workchain(?:\\.[a-z_]+)+)\"");
    /** What Micrometer's Prometheus registry appends to a counter's or a timer's name. */
    private static final Pattern SUFFIX = Pattern.compile("(_seconds)?(_total|_bucket|_count|_sum|_max)$");
    private static final Map<String, List<String>> FIELDS = Map.of(
            "", List.of("apiVersion", "kind", "metadata", "spec"),
            "ServiceMonitor/spec", List.of("selector", "endpoints", "namespaceSelector", "jobLabel", "targetLabels",
                    "podTargetLabels", "sampleLimit", "targetLimit", "attachMetadata"),
            "ServiceMonitor/endpoint", List.of("port", "targetPort", "path", "scheme", "interval", "scrapeTimeout",
                    "params", "honorLabels", "honorTimestamps", "relabelings", "metricRelabelings", "tlsConfig",
                    "basicAuth", "authorization", "oauth2", "followRedirects", "enableHttp2", "filterRunning"),
            "PrometheusRule/spec", List.of("groups"),
            "PrometheusRule/group", List.of("name", "interval", "rules", "limit", "partial_response_strategy",
                    "query_offset", "labels"),
            "PrometheusRule/rule", List.of("alert", "record", "expr", "for", "keep_firing_for", "labels",
                    "annotations"));

    private MonitoringManifests() {}

    static boolean isMonitoring(JsonNode document) {
        return document.path("apiVersion").asText().startsWith("monitoring.coreos.com/");
    }

    /** Only the fields the CRDs define at each level; every alert says what and how bad. */
    static JsonNode checkFields(Path file, JsonNode document) {
        assertEquals(API_VERSION, document.path("apiVersion").asText(), file + ": the Prometheus Operator's API");
        String kind = document.path("kind").asText();
        allowed(file, document, "");
        allowed(file, document.path("spec"), kind + "/spec");
        if (kind.equals("ServiceMonitor")) {
            assertFalse(document.at("/spec/endpoints").isEmpty(), file + ": endpoints");
            document.at("/spec/endpoints").forEach(endpoint -> allowed(file, endpoint, kind + "/endpoint"));
        } else {
            for (JsonNode group : document.at("/spec/groups")) {
                allowed(file, group, kind + "/group");
                for (JsonNode rule : group.path("rules")) {
                    allowed(file, rule, kind + "/rule");
                    String alert = rule.path("alert").asText();
                    assertFalse(rule.path("expr").asText().isBlank(), file + ": " + alert + " has an expression");
                    assertTrue(rule.path("for").asText().matches("\\d+[smh]"), file + ": " + alert + " waits a while");
                    assertTrue(Set.of("warning", "critical").contains(rule.at("/labels/severity").asText()),
                            file + ": " + alert + "'s severity");
                    assertFalse(rule.at("/annotations/summary").asText().isBlank(), file + ": " + alert + "'s summary");
                }
            }
        }
        return document;
    }

    static JsonNode only(List<Object> objects, String kind) {
        List<JsonNode> found = objects.stream().filter(JsonNode.class::isInstance).map(JsonNode.class::cast)
                .filter(node -> node.path("kind").asText().equals(kind)).toList();
        assertEquals(1, found.size(), "one " + kind);
        return found.get(0);
    }

    /**
     * The metrics the rules' expressions name that nothing publishes: a workchain_* metric must be a
     * meter name of the services' sources (dots for underscores, less the registry's suffixes); a
     * kafka_* one (the Kafka clients' own) must be on the Grafana dashboard, whose every metric
     * MetricsIT finds on the running services' /q/metrics.
     */
    static List<String> unknownMetrics(JsonNode rules, Path root) throws IOException {
        Set<String> meters = meterNames(root);
        String dashboard = Files.readString(root.resolve("k8s/monitoring/workchain-dashboard.json"));
        List<String> unknown = new ArrayList<>();
        for (JsonNode group : rules.at("/spec/groups")) {
            for (JsonNode rule : group.path("rules")) {
                Matcher matcher = METRIC.matcher(rule.path("expr").asText());
                while (matcher.find()) {
                    String metric = matcher.group(1);
                    boolean published = metric.startsWith("kafka_")
                            ? dashboard.contains(metric)
                            : meters.contains(metric) || meters.contains(SUFFIX.matcher(metric).replaceFirst(""));
                    if (!published) {
                        unknown.add(rule.path("alert").asText() + ": " + metric);
                    }
                }
            }
        }
        return unknown;
    }

    /** Every metric the alerts of k8s/monitoring/alerts.yaml name, . */
    static Set<String> alertMetrics(Path root) throws IOException {
        JsonNode rules = new YAMLMapper().readTree(root.resolve("k8s/monitoring/alerts.yaml").toFile());
        Set<String> metrics = new TreeSet<>();
        for (JsonNode group : rules.at("/spec/groups")) {
            for (JsonNode rule : group.path("rules")) {
                Matcher matcher = METRIC.matcher(rule.path("expr").asText());
                while (matcher.find()) {
                    metrics.add(matcher.group(1));
                }
            }
        }
        return metrics;
    }

    static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private static Set<String> meterNames(Path root) throws IOException {
        Set<String> names = new TreeSet<>();
        for (String module : List.of("common", "gateway", "esb", "notifier", "demo-service")) {
            Path sources = root.resolve(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher matcher = METER_LITERAL.matcher(Files.readString(file));
                    while (matcher.find()) {
                        names.add(matcher.group(1).replace('.', '_'));
                    }
                }
            }
        }
        return names;
    }

    private static void allowed(Path file, JsonNode node, String level) {
        List<String> fields = FIELDS.get(level);
        node.fieldNames().forEachRemaining(field -> assertTrue(fields.contains(field),
                file + ": unknown field " + field + " in " + (level.isEmpty() ? "the document" : level)));
    }
}
