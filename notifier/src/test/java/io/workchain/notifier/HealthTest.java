package io.workchain.notifier;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.workchain.testing.KafkaBrokerTestResource;
import io.workchain.testing.ServiceEndpointsContract;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Health and metrics endpoints (the checks every service shares, in ServiceEndpointsContract). */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class HealthTest extends ServiceEndpointsContract {

    /**
     * Ready means the fold runs (StreamsRunningHealthCheck: Kafka Streams RUNNING), a moment after
     * the application starts, which this test may be the first to see: it waits for that moment,
     * then checks what every service answers.
     */
    @BeforeEach
    void untilTheFoldRuns() {
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    @Override
    protected String ownMetric() {
        return "kafka_stream";
    }
}
