package io.workchain.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workchain.testing.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 21, item 7: what operators look for on the packaged services (the prod profile, as in a
 * cluster). Each service with endpoints of its own (not the ESB: health and metrics only) serves its
 * OpenAPI document at /q/openapi listing them, and no
 * Swagger UI (dev mode only); JSON log lines when the cluster's setting switches them on, the
 * readable lines otherwise. Endpoints added later appear in the documents by themselves: only those
 * that exist now are named here.
 */
class OperatorConventionsIT {

    private static final String HEALTH = "/q/health/ready";
    private final WorkchainSystem system = WorkchainSystem.get();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyServiceServesItsOpenApiDocumentWithItsEndpointsAndNoSwaggerUi() {
        Map<ServiceProcess, List<String>> endpoints = Map.of(
                system.gateway, List.of("/invoke", "/routes", HEALTH),
                system.notifier, List.of("/chains", "/chains/{hash}", "/chains/{hash}/retry", "/chains/{hash}/cancel",
                        "/callbacks/{hash}/{order}/{index}", HEALTH),
                system.demo, List.of("/api/text/upper", "/api/text/reverse", "/api/text/count", "/api/text/sha256",
                        "/api/async/upper", "/api/calls", "/api/calls/concurrency", "/api/calls/open",
                        "/api/faults/flaky",
                        "/api/faults/slow", "/api/faults/status/{code}", HEALTH));
        endpoints.forEach((service, paths) -> {
            JsonNode document = system.getJson(service, "/q/openapi?format=json");
            assertTrue(document.path("openapi").asText().startsWith("3."), service + ": an OpenAPI 3 document");
            assertTrue(document.at("/info/title").asText().startsWith("Workchain"),
                    service + ": its title " + document.at("/info/title"));
            Set<String> listed = new TreeSet<>();
            document.path("paths").fieldNames().forEachRemaining(listed::add);
            assertTrue(listed.containsAll(paths), service + " lists " + paths + "; it lists " + listed);
            assertEquals(404, system.getStatus(service, "/q/swagger-ui/"),
                    service + ": no Swagger UI outside dev mode");
        });
        JsonNode notifier = system.getJson(system.notifier, "/q/openapi?format=json");
        assertTrue(notifier.at("/paths/~1chains~1{hash}~1retry/post").isObject(), "retry is a POST");
        assertTrue(notifier.at("/paths/~1chains~1{hash}~1cancel/post/responses/202").isObject(),
                "cancel's 202 is documented");
        assertTrue(notifier.at("/paths/~1callbacks~1{hash}~1{order}~1{index}/post").isObject(),
                "a callback is a POST");
        JsonNode gateway = system.getJson(system.gateway, "/q/openapi?format=json");
        assertTrue(gateway.at("/paths/~1invoke/post").isObject(), "the gateway's invoke is a POST");
        assertTrue(gateway.at("/paths/~1routes/get").isObject(), "the routes are read with a GET");
    }

    /**
     * Issue 22: before it reports ready, each ESB pings the gateway over its own transport (its
     * warm-up, warmup/EsbWarmUp), and its readiness data counts the pings that went through. The
     * gateway was ready before either ESB started, so none failed.
     */
    @Test
    void eachEsbPingedTheGatewayOverItsOwnTransportBeforeItWasReady() {
        Map.of(system.esb, "GRPC", system.restEsb, "REST").forEach((esb, transport) -> {
            JsonNode warmedUp = null;
            for (JsonNode check : system.getJson(esb, HEALTH).path("checks")) {
                // common's WarmedUpReadiness: its name and data keys, as an operator reads them.
                if ("warmed up".equals(check.path("name").asText())) {
                    warmedUp = check;
                }
            }
            assertTrue(warmedUp != null, esb + " reports its warm-up");
            String calls = warmedUp.path("data").path("warm-up calls").asText();
            Matcher counted = Pattern.compile("^(\\d+) calls to the gateway over " + transport).matcher(calls);
            assertTrue(counted.find(), esb + ": " + calls);
            assertTrue(Integer.parseInt(counted.group(1)) > 0, esb + " pinged the gateway: " + calls);
            assertFalse(calls.contains("stopped"), esb + ": no ping failed: " + calls);
        });
    }

    /** Off by default (the e2e services write readable lines); on, every line the service writes is a JSON object. */
    @Test
    void logLinesAreJsonWhereTheClusterSwitchesThemOn() throws IOException {
        Path logs = Path.of(System.getProperty("workchain.logs", "target/e2e-logs"));
        List<String> readable = Files.readAllLines(logs.resolve("demo-service.log")).stream()
                .filter(line -> line.contains("started in")).toList();
        assertFalse(readable.isEmpty(), "the demo service logged its start");
        assertFalse(readable.get(0).startsWith("{"), "readable lines by default: " + readable.get(0));

        String name = "demo-service-json-" + System.nanoTime();
        ServiceProcess demo = ServiceProcess.start(name, "demo-service", Map.of(
                "kafka.bootstrap.servers", system.broker.bootstrapServers(),
                "quarkus.log.console.json.enabled", "true"));
        demo.stop();
        List<String> lines = Files.readAllLines(logs.resolve(name + ".log")).stream()
                .filter(line -> !line.isBlank()).toList();
        List<String> notJson = new ArrayList<>();
        boolean started = false;
        for (String line : lines) {
            JsonNode record;
            try {
                record = json.readTree(line);
            } catch (IOException e) {
                notJson.add(line);
                continue;
            }
            if (!record.isObject() || !record.has("level") || !record.has("loggerName") || !record.has("message")) {
                notJson.add(line);
            }
            started |= record.path("message").asText().contains("started in");
        }
        assertEquals(List.of(), notJson, "every line a JSON log record");
        assertTrue(started, "the start was logged, as JSON: " + lines);
    }

    /**
     * In JSON, a line written inside a span carries its trace id in "mdc", as the readable lines
     * do: a gateway with JSON logs refuses a call (a host off the allow-list) inside the call's
     * span, a child of the invocation's traceparent, and logs the refusal.
     */
    @Test
    void aJsonLogLineCarriesTheTraceOfItsSpan() throws IOException, InterruptedException {
        String name = "gateway-json-" + System.nanoTime();
        ServiceProcess gateway = ServiceProcess.start(name, "gateway", system.traced(Map.of(
                "workchain.gateway.allowed-hosts", "allowed.example",
                "quarkus.log.console.json.enabled", "true")));
        String traceId = String.format("%032x", System.nanoTime());
        String invocation = "{\"hash\":\"0123456789abcdef0123456789abcdef\",\"order\":0,\"index\":0,"
                + "\"request\":{\"url\":\"http://not-allowed.example\",\"endpoint\":\"/x\",\"type\":\"HTTP\","
                + "\"method\":\"POST\",\"payload\":\"{}\"},\"traceparent\":\"00-" + traceId + "-00f067aa0ba902b7-01\"}";
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/invoke"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(invocation)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(response.body().contains("FAILED"), "refused: " + response.body());
        } finally {
            gateway.stop();
        }
        Path log = Path.of(System.getProperty("workchain.logs", "target/e2e-logs")).resolve(name + ".log");
        List<JsonNode> refusals = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            JsonNode record = line.startsWith("{") ? json.readTree(line) : null;
            if (record != null && record.path("message").asText().startsWith("refused")) {
                refusals.add(record);
            }
        }
        assertEquals(1, refusals.size(), "one refusal logged, as JSON");
        assertEquals(traceId, refusals.get(0).at("/mdc/traceId").asText(), "the line's trace: " + refusals.get(0));
        assertTrue(refusals.get(0).at("/mdc/spanId").asText().matches("[0-9a-f]{16}"), "and its span");
    }
}
