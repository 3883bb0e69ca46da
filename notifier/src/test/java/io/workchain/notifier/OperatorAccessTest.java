package io.workchain.notifier;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.workchain.notifier.config.OperatorAccess;
import io.workchain.testing.KafkaBrokerTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsStringIgnoringCase;

/**
 * Issue 19, case 8: GET /chains and the console were open to anyone who could reach the port, and
 * list hashes, responses and endpoints. Switched on (as in k8s/), they need the operator's
 * credentials; health and metrics stay open to probes and Prometheus.
 */
@QuarkusTest
@TestProfile(OperatorAccessTest.AuthOn.class)
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class OperatorAccessTest {

    /** Made per run: no password is written in the code. */
    static final String PASSWORD = UUID.randomUUID().toString();

    public static class AuthOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(OperatorAccess.ENABLED, "true", "quarkus.security.users.embedded.users.operator", PASSWORD);
        }
    }

    @Test
    void chainsAndTheConsoleNeedTheOperatorsCredentials() {
        given().get("/chains").then().statusCode(401).header("WWW-Authenticate", containsStringIgnoringCase("basic"));
        given().get("/chains/0123456789abcdef0123456789abcdef").then().statusCode(401);
        given().get("/console/index.html").then().statusCode(401);
        given().auth().preemptive().basic("operator", "not-" + PASSWORD).get("/chains").then().statusCode(401);
        // Let in: 200 once the chain store is ready (503 until Kafka Streams runs), never 401.
        await().atMost(Duration.ofSeconds(30)).until(() ->
                given().auth().preemptive().basic("operator", PASSWORD).get("/chains").statusCode() != 503);
        given().auth().preemptive().basic("operator", PASSWORD).get("/chains").then().statusCode(200);
        given().auth().preemptive().basic("operator", PASSWORD).get("/console/index.html").then().statusCode(200);
    }

    @Test
    void probesAndMetricsStayOpen() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }
}
