package io.workchain.esb;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.workchain.testing.KafkaBrokerTestResource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class HealthTest {

    @Test
    void healthIsUp() {
        given().when().get("/q/health").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void metricsArePublished() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("workchain_esb_in_flight"));
    }
}
