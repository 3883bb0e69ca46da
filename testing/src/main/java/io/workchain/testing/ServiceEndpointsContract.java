package io.workchain.testing;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * What every Workchain service answers on its management endpoints, written once: health (live and
 * ready) and Prometheus metrics including one of the service's own. A service's test extends it
 * under {@code @QuarkusTest} and names that metric.
 */
public abstract class ServiceEndpointsContract {

    /** A metric name only this service publishes (or, for a service with none of its own, one of its libraries'). */
    protected abstract String ownMetric();

    @Test
    void healthIsUpLiveAndReady() {
        given().when().get("/q/health").then().statusCode(200).body("status", is("UP"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
    }

    /** Whether the service warms up before it reports ready (Workchain's services do; the demo service does not). */
    protected boolean warmsUpBeforeReady() {
        return true;
    }

    /**
     * Readiness includes the warm-up, which ran every planned round (the %test profile plans 200)
     * without a round failing: a round that throws would end it early and show here.
     */
    @Test
    void readinessWaitsForAWarmUpThatRanEveryRound() {
        Assumptions.assumeTrue(warmsUpBeforeReady(), "this service has no warm-up");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (given().get("/q/health/ready").statusCode() != 200 && System.nanoTime() < deadline) {
            ServiceProcess.sleep(200);
        }
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'warmed up' }.status", is("UP"))
                .body("checks.find { it.name == 'warmed up' }.data.warm-up", startsWith("200 of 200 rounds in"));
    }

    @Test
    void metricsArePublishedForPrometheus() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString(ownMetric()));
    }
}
