package io.workchain.gateway.policy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.workchain.common.gateway.FailureKind;
import io.workchain.common.gateway.Invocation;
import io.workchain.common.gateway.InvocationOutcome;
import io.workchain.common.gateway.OutcomeStatus;
import io.workchain.common.message.Request;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-route policy against a real HTTP server on loopback that counts what arrives: each route's
 * own call timeout, retries, calls in flight, calls per second and circuit breaker, a held-back
 * call coming back as an outage (CANCELLED, waited out by the ESB) and never sent, and
 * {@code GET /routes} showing policy and live state.
 */
@QuarkusTest
@QuarkusTestResource(value = RoutePolicyTargetResource.class, restrictToAnnotatedClass = true)
class RoutePolicyTest {

    private static final String HASH = "4e753d52b4d53d42f2a19fa9a7297e23";

    @BeforeEach
    void reset() {
        RoutePolicyTargetResource.target.reset();
    }

    @Test
    void aRoutesOwnCallTimeoutIsNotTheGlobalOne() {
        // 500 ms: within the global 1 s, past "quick"'s 300 ms.
        assertEquals(OutcomeStatus.COMPLETED, invoke("plain", "/slow/500").status());
        long start = System.nanoTime();
        InvocationOutcome quick = invoke("quick", "/slow/500");
        assertEquals(FailureKind.TIMED_OUT, quick.kind(), quick::toString);
        assertTrue(quick.reason().contains("within 300 ms"), quick.reason());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 500, "answered at its own timeout");
    }

    @Test
    void retriesHappenTheConfiguredNumberOfTimesOnRetryableAnswersOnly() {
        InvocationOutcome outcome = invoke("retrying", "/status/503");

        assertEquals(FailureKind.RETRYABLE, outcome.kind(), outcome::toString);
        assertEquals(503, outcome.httpStatus());
        List<CountingTarget.Arrival> calls = RoutePolicyTargetResource.target.arrivals("/retrying/status/503");
        assertEquals(3, calls.size(), "one call and 2 retries");
        long firstGap = TimeUnit.NANOSECONDS.toMillis(calls.get(1).atNanos() - calls.get(0).atNanos());
        long secondGap = TimeUnit.NANOSECONDS.toMillis(calls.get(2).atNanos() - calls.get(1).atNanos());
        assertTrue(firstGap >= 45 && secondGap >= 95, "backoff 50 ms, then doubled: " + firstGap + ", " + secondGap);

        assertEquals(FailureKind.FINAL, invoke("retrying", "/status/404").kind());
        assertEquals(1, RoutePolicyTargetResource.target.arrivals("/retrying/status/404").size(),
                "a permanent answer is not retried");
        invoke("plain", "/status/503");
        assertEquals(1, RoutePolicyTargetResource.target.arrivals("/plain/status/503").size(),
                "a route without retries calls once (the ESB retries)");
    }

    @Test
    void maxInFlightHoldsAndWhatItHoldsBackComesBackAsAnOutage() throws Exception {
        List<InvocationOutcome> outcomes = concurrently(8, "narrow", "/slow/800");

        assertEquals(2, RoutePolicyTargetResource.target.mostAtOnce("narrow"), "never more than max-in-flight at once");
        long completed = outcomes.stream().filter(o -> o.status() == OutcomeStatus.COMPLETED).count();
        List<InvocationOutcome> held = outcomes.stream().filter(o -> o.status() == OutcomeStatus.FAILED).toList();
        assertEquals(8, completed + held.size(), outcomes::toString);
        assertFalse(held.isEmpty(), "8 calls at once past a limit of 2 (and one waiting)");
        for (InvocationOutcome outcome : held) {
            assertEquals(FailureKind.CANCELLED, outcome.kind(), "an outage, waited out, never FAILED final");
            assertTrue(outcome.retryable());
            assertEquals(0, outcome.httpStatus(), "nothing was sent");
            assertTrue(outcome.reason().contains("max-in-flight"), outcome.reason());
        }
        assertEquals(completed, RoutePolicyTargetResource.target.arrivals("/narrow/slow").size(),
                "a held-back call never reached the target");
    }

    @Test
    void routesShowCallsInFlightWhileTheyRun() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<?> a = CompletableFuture.runAsync(() -> invoke("narrow", "/slow/3000"), pool);
            CompletableFuture<?> b = CompletableFuture.runAsync(() -> invoke("narrow", "/slow/3000"), pool);
            // Both seen under way, by GET /routes and by the gauge, while the calls last (3 s).
            Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> route("narrow").getInt("in_flight") == 2
                    && given().when().get("/q/metrics").then().statusCode(200).extract().asString()
                            .contains("workchain_gateway_route_in_flight{route=\"narrow\"} 2.0"));
            CompletableFuture.allOf(a, b).get(10, TimeUnit.SECONDS);
            assertEquals(0, route("narrow").getInt("in_flight"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void maxPerSecondHoldsInEachSecond() {
        List<InvocationOutcome> outcomes = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            outcomes.add(invoke("metered", "/slow/0"));
        }
        long windows = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) / 1000 + 2; // the calls touched at most
        List<CountingTarget.Arrival> arrivals = RoutePolicyTargetResource.target.arrivals("/metered");
        assertTrue(arrivals.size() >= 3 && arrivals.size() <= 3 * windows,
                arrivals.size() + " calls through in at most " + windows + " one-second windows of 3");
        List<InvocationOutcome> held = outcomes.stream().filter(o -> o.status() == OutcomeStatus.FAILED).toList();
        assertEquals(10 - arrivals.size(), held.size());
        assertFalse(held.isEmpty(), "10 calls in quick succession are over 3 per second");
        held.forEach(o -> {
            assertEquals(FailureKind.CANCELLED, o.kind());
            assertTrue(o.reason().contains("max-per-second"), o.reason());
        });
    }

    @Test
    void callsHeldBackAgainAndAgainStillLetWorkThroughAtTheRoutesPace() throws Exception {
        // Six callers that try again 100 ms after each held-back call, as the ESB does (later): the
        // route's slot and its rate are given back, so calls keep going through at its pace.
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<CompletableFuture<Integer>> callers = new ArrayList<>();
            for (int c = 0; c < 6; c++) {
                callers.add(CompletableFuture.supplyAsync(() -> {
                    int completed = 0;
                    while (System.nanoTime() < end) {
                        if (invoke("tight", "/slow/200").status() == OutcomeStatus.COMPLETED) {
                            completed++;
                        } else {
                            sleep(100);
                        }
                    }
                    return completed;
                }, pool));
            }
            int completed = 0;
            for (CompletableFuture<Integer> caller : callers) {
                completed += caller.get(30, TimeUnit.SECONDS);
            }
            assertTrue(completed >= 8 && completed <= 14, "2 a second for 6 s, one at a time: " + completed);
            assertEquals(1, RoutePolicyTargetResource.target.mostAtOnce("tight"));
            assertEquals(0, route("tight").getInt("in_flight"));
        } finally {
            pool.shutdownNow();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theCircuitOpensAfterFailuresHoldsCallsBackAndClosesAfterATrial() {
        for (int i = 0; i < 4; i++) {
            assertEquals(FailureKind.RETRYABLE, invoke("fragile", "/status/500").kind());
        }
        InvocationOutcome held = invoke("fragile", "/slow/0");

        assertEquals(FailureKind.CANCELLED, held.kind(), held::toString);
        assertTrue(held.reason().contains("circuit") && held.reason().contains("open"), held.reason());
        assertEquals(0, RoutePolicyTargetResource.target.arrivals("/fragile/slow").size(), "not sent while open");
        JsonPath fragile = route("fragile");
        assertEquals("open", fragile.getString("targets[0].circuit"));
        assertEquals(RoutePolicyTargetResource.target.baseUrl(), fragile.getString("targets[0].target"));
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("workchain_gateway_route_circuit_open{route=\"fragile\"} 1.0"), metrics);
        assertTrue(metrics.contains("workchain_gateway_route_circuit_open{route=\"plain\"} 0.0"), metrics);

        // After the delay (2 s) one trial call goes through; it succeeds: closed again.
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> invoke("fragile", "/slow/0").status() == OutcomeStatus.COMPLETED);
        assertEquals("closed", route("fragile").getString("targets[0].circuit"));
    }

    @Test
    void aCallTheLimitsHoldBackIsNotCountedByTheCircuit() {
        // One failure, then calls over the rate until one is held back (within the same second),
        // then, in the next second, one more failure. The circuit opens when the last 2 calls it
        // counted both failed: it must have counted the two failures only. Had it counted the
        // held-back call (never sent) as a success, it would have stayed closed.
        assertEquals(FailureKind.RETRYABLE, invoke("shielded", "/status/500").kind());
        boolean heldByTheRate = false;
        for (int i = 0; i < 5 && !heldByTheRate; i++) {
            InvocationOutcome next = invoke("shielded", "/status/500");
            heldByTheRate = next.kind() == FailureKind.CANCELLED && next.reason().contains("max-per-second");
        }
        assertTrue(heldByTheRate, "calls at once over 1 a second are held back");
        sleep(1100);
        InvocationOutcome last = invoke("shielded", "/status/500");

        assertTrue(last.kind() == FailureKind.RETRYABLE || last.reason().contains("circuit"), last::toString);
        assertEquals("open", route("shielded").getString("targets[0].circuit"),
                "two calls sent, two failures: a held-back call in between changes nothing");
    }

    @Test
    void routesShowEachRouteItsKindMaskedUrlAndEffectivePolicy() {
        JsonPath routes = given().when().get("/routes").then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath();
        String all = routes.prettify();
        assertFalse(all.contains("guest:guest"), "credentials are masked: " + all);

        JsonPath rabbit = route("rabbit");
        assertEquals("amqp", rabbit.getString("kind"));
        assertTrue(rabbit.getString("base_url").startsWith("amqp://***@127.0.0.1:"), rabbit.getString("base_url"));

        JsonPath plain = route("plain");
        assertEquals("http", plain.getString("kind"));
        assertEquals(RoutePolicyTargetResource.target.baseUrl() + "/plain", plain.getString("base_url"));
        assertEquals(1000, plain.getLong("policy.call_timeout_ms"), "the global call timeout");
        assertEquals(0, plain.getInt("policy.retries"));
        assertEquals("none", plain.getString("targets[0].circuit"));

        assertEquals(300, route("quick").getLong("policy.call_timeout_ms"));
        JsonPath retrying = route("retrying");
        assertEquals(2, retrying.getInt("policy.retries"));
        assertEquals(50, retrying.getLong("policy.backoff_ms"));
        assertEquals(2, route("narrow").getInt("policy.max_in_flight"));
        assertEquals(3, route("metered").getInt("policy.max_per_second"));
        JsonPath fragile = route("fragile");
        assertEquals(4, fragile.getInt("policy.circuit_breaker.request_volume"));
        assertEquals(0.5, fragile.getDouble("policy.circuit_breaker.failure_ratio"));
        assertEquals(2000, fragile.getLong("policy.circuit_breaker.delay_ms"));
    }

    /** The route of that name in GET /routes. */
    private static JsonPath route(String name) {
        JsonPath routes = given().when().get("/routes").then().statusCode(200).extract().jsonPath();
        assertTrue(routes.getList("name").contains(name), name + " in " + routes.getList("name"));
        return routes.setRootPath("find { it.name == '" + name + "' }");
    }

    private static List<InvocationOutcome> concurrently(int calls, String route, String endpoint) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        try {
            List<CompletableFuture<InvocationOutcome>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                futures.add(CompletableFuture.supplyAsync(() -> invoke(route, endpoint), pool));
            }
            List<InvocationOutcome> outcomes = new ArrayList<>();
            for (CompletableFuture<InvocationOutcome> future : futures) {
                outcomes.add(future.get(30, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static InvocationOutcome invoke(String route, String endpoint) {
        Invocation invocation = new Invocation(HASH, 0, 0, Request.http(route, endpoint, "GET", null), null, null);
        return given().contentType(ContentType.JSON).body(invocation).when().post("/invoke").then().statusCode(200)
                .extract().as(InvocationOutcome.class);
    }
}
