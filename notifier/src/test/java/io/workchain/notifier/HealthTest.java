package io.workchain.notifier;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.workchain.notifier.stream.TopicPartitionCounts;
import io.workchain.testing.KafkaBrokerTestResource;
import io.workchain.testing.ServiceEndpointsContract;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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

    @Inject
    TopicPartitionCounts partitionCounts;

    /** Ready includes the partition counts of the topics the fold reads: the first chain finds them at hand. */
    @Test
    void readyOnceThePartitionCountsOfTheTopicsItReadsAreKnown() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'chain fold running' }.data.'partition counts'", is("known"));
    }

    /** A count not yet known is asked of the real broker in the background, and found by a later call. */
    @Test
    void anUnknownCountIsAskedInTheBackgroundAndKnownAfterwards() throws Exception {
        String topic = "partition-count-probe-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class)))) {
            admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        assertFalse(partitionCounts.known(List.of(topic)), "not known before anyone asked");
        await().atMost(Duration.ofSeconds(30)).until(() -> partitionCounts.known(List.of(topic)));
        assertEquals(4, partitionCounts.partitions(topic));
    }

    @Override
    protected String ownMetric() {
        return "kafka_stream";
    }
}
