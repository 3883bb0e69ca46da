package io.workchain.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workchain.common.Topics;
import io.workchain.common.WorkchainHeaders;
import io.workchain.common.codec.WireFormat;
import io.workchain.common.message.WorkMessage;
import io.workchain.testing.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.workchain.e2e.Chains.demo;
import static io.workchain.e2e.Chains.text;
import static io.workchain.e2e.Chains.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The metrics operators rely on, read from the running services' {@code /q/metrics}: after a chain
 * that completes, one that fails and records that are dead-lettered, every metric the Grafana
 * dashboard (k8s/monitoring/workchain-dashboard.json) queries, and every one its alerts
 * (k8s/monitoring/alerts.yaml) name, is published by some service, and
 * no Workchain metric carries a chain hash as a tag value (cardinality stays bounded).
 */
class MetricsIT {

    private static final Path ROOT = Path.of(System.getProperty("workchain.root", ".."));
    /** A metric name in a PromQL expression: workchain_* and the Kafka clients' kafka_*. */
    private static final Pattern METRIC = Pattern.compile("\\b((?:workchain|kafka)_[a-z_]+)\\b");
    private static final Pattern HASH_TAG = Pattern.compile("=\"[0-9a-f]{32}\"");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyMetricOfTheDashboardIsPublishedAndNoneIsTaggedWithAHash() throws Exception {
        WorkchainSystem system = WorkchainSystem.get();
        WorkMessage ok = WorkMessage.builder().item(0, demo("/api/text/upper", text(unique("metrics")))).build();
        WorkMessage failing = WorkMessage.builder()
                .item(0, demo("/api/faults/status/404", text(unique("metrics-fail")))).build();
        system.produce(Topics.WORK, ok.hash(), ok, WireFormat.JSON);
        system.produce(Topics.WORK, failing.hash(), failing, WireFormat.JSON);
        String badWork = system.produceAt(Topics.WORK, "metrics-bad",
                "not a work message".getBytes(StandardCharsets.UTF_8), null);
        String badNotification = system.produceAt(Topics.NOTIFICATION, "metrics-bad",
                "not a notification".getBytes(StandardCharsets.UTF_8), null);
        await().atMost(Duration.ofSeconds(90)).until(() -> !system.completions.byKey(ok.hash()).isEmpty()
                && !system.completions.byKey(failing.hash()).isEmpty()
                && system.deadLetters.all().stream().map(r -> origin(r)).toList()
                        .containsAll(List.of(badWork, badNotification)));

        Set<String> dashboard = dashboardMetrics();
        assertTrue(dashboard.size() >= 12, "the dashboard's metrics: " + dashboard);
        // And those the alerts of k8s/monitoring/alerts.yaml name (KubernetesManifestsTest finds them in the code).
        Set<String> alerts = MonitoringManifests.alertMetrics(ROOT);
        assertTrue(alerts.size() >= 4, "the alerts' metrics: " + alerts);
        dashboard.addAll(alerts);
        // The notifier updates some gauges and counters on its stream thread: give a scrape or two.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String published = scrape(system.esb) + scrape(system.gateway) + scrape(system.notifier);
            List<String> missing = new ArrayList<>();
            for (String metric : dashboard) {
                if (!Pattern.compile("(?m)^" + metric + "[{ ]").matcher(published).find()) {
                    missing.add(metric);
                }
            }
            assertEquals(List.of(), missing, "dashboard and alert metrics no service publishes");
        });
        for (ServiceProcess service : List.of(system.esb, system.gateway, system.notifier)) {
            // A sample's exemplar (after " # ") names a trace and span: that is the point of it, not a tag.
            List<String> hashTagged = scrape(service).lines().filter(line -> line.startsWith("workchain_"))
                    .map(line -> line.contains(" # ") ? line.substring(0, line.indexOf(" # ")) : line)
                    .filter(line -> HASH_TAG.matcher(line).find()).toList();
            assertEquals(List.of(), hashTagged, service + ": no tag value is a chain hash");
        }
        String notifier = scrape(system.notifier);
        assertTrue(notifier.contains("workchain_chains_ended_total{outcome=\"completed\"}"),
                "completed chains counted");
        assertTrue(notifier.contains("workchain_dead_letters_total{class=\"malformed\",service=\"notifier\"}"),
                "malformed notification counted");
    }

    /** Configuration the services do not know is a typo or a build-time key in the wrong place: none at run time. */
    @Test
    void noServiceWarnsOfAnUnrecognizedConfigurationKey() throws Exception {
        WorkchainSystem.get();
        Path logs = Path.of(System.getProperty("workchain.logs", "target/e2e-logs"));
        List<String> warnings = new ArrayList<>();
        try (var files = Files.list(logs)) {
            for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                Files.readAllLines(log).stream().filter(line -> line.contains("Unrecognized configuration key"))
                        .forEach(line -> warnings.add(log.getFileName() + ": " + line));
            }
        }
        assertEquals(List.of(), warnings);
    }

    private static String origin(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record) {
        var header = record.headers().lastHeader(WorkchainHeaders.DLQ_ORIGIN);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private Set<String> dashboardMetrics() throws Exception {
        JsonNode dashboard = new ObjectMapper()
                .readTree(Files.readString(ROOT.resolve("k8s/monitoring/workchain-dashboard.json")));
        Set<String> metrics = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                Matcher matcher = METRIC.matcher(target.get("expr").asText());
                while (matcher.find()) {
                    metrics.add(matcher.group(1));
                }
            }
        }
        return metrics;
    }

    private String scrape(ServiceProcess service) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }
}
