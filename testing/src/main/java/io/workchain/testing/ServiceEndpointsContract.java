package io.workchain.testing;

import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

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

    @Test
    void metricsArePublishedForPrometheus() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString(ownMetric()));
    }
}
