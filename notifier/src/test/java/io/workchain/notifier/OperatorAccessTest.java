package io.workchain.notifier;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.workchain.common.OperatorHeaders;
import io.workchain.common.Topics;
import io.workchain.common.codec.MessageCodec;
import io.workchain.common.message.NotificationMessage;
import io.workchain.common.message.Request;
import io.workchain.common.message.Response;
import io.workchain.common.message.WorkMessage;
import io.workchain.notifier.config.OperatorAccess;
import io.workchain.testing.KafkaBrokerTestResource;
import io.workchain.testing.KafkaTestClients;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.is;

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
        await().atMost(Duration.ofSeconds(30)).until(
                () -> given().auth().preemptive().basic("operator", PASSWORD).get("/chains").statusCode() != 503);
        given().auth().preemptive().basic("operator", PASSWORD).get("/chains").then().statusCode(200);
        given().auth().preemptive().basic("operator", PASSWORD).get("/console/index.html").then().statusCode(200);
    }

    /** The operator's POSTs are behind the same credentials, and the chain's timeline names who acted. */
    @Test
    void retryAndCancelNeedTheOperatorsCredentialsAndNameThem() throws Exception {
        given().header(OperatorHeaders.REQUESTED_BY, "test").post("/chains/0123456789abcdef0123456789abcdef/retry")
                .then().statusCode(401);
        given().header(OperatorHeaders.REQUESTED_BY, "test").post("/chains/0123456789abcdef0123456789abcdef/cancel")
                .then().statusCode(401);
        WorkMessage work = WorkMessage.builder()
                .item(0, Request.http("demo", "/a", "POST", "{\"id\":\"" + UUID.randomUUID() + "\"}")).build();
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (KafkaProducer<String, byte[]> producer = KafkaTestClients.producer(bootstrap)) {
            producer.send(new ProducerRecord<>(Topics.WORK, work.hash(), MessageCodec.toJson(work))).get();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> operator().get("/chains/" + work.hash()).statusCode() == 200);
            producer.send(new ProducerRecord<>(Topics.NOTIFICATION, work.hash(), MessageCodec.toJson(
                    NotificationMessage.of(work.hash(), 0, 0, Response.failure("HTTP 404", null))))).get();
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "FAILED".equals(operator().get("/chains/" + work.hash()).path("status")));
        operator().header(OperatorHeaders.REQUESTED_BY, "test").post("/chains/" + work.hash() + "/retry")
                .then().statusCode(202).body("requested_by", is("operator"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Integer.valueOf(2).equals(operator().get("/chains/" + work.hash())
                        .path("attempt")));
        operator().get("/chains/" + work.hash()).then().body("actions[0].by", is("operator"));
    }

    private static RequestSpecification operator() {
        return given().auth().preemptive().basic("operator", PASSWORD);
    }

    @Test
    void probesAndMetricsStayOpen() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }
}
